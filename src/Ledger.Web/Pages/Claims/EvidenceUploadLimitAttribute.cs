using Ledger.Application.Access;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Ledger.Web.Pages.Claims;

/// <summary>
/// Refuses an evidence upload larger than the evidence limit (plus the form's framing) before anything reads
/// it, the antiforgery check included: the claim page is shown again with the error next to the file field,
/// and nothing is stored. Also caps what the server and the form reader will take, so a body without a
/// declared length is cut off cleanly (a 400) rather than read whole.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class EvidenceUploadLimitAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>The query flag the claim page reads to show the error.</summary>
    public const string TooLargeFlag = "too-large";

    /// <summary>Before the antiforgery check (order 1000), which reads the form.</summary>
    public int Order => 0;

    /// <inheritdoc />
    public void OnAuthorization(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            return;
        }

        var limit = http.RequestServices.GetRequiredService<ClaimsWorkspace>().EvidenceMaxBytes + Api.ClaimsApi.UploadOverheadBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            var reference = context.RouteData.Values["reference"]?.ToString() ?? string.Empty;
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult($"/claims/{Uri.EscapeDataString(reference)}?upload={TooLargeFlag}#file");
            return;
        }

        if (http.Request.HasFormContentType && http.Features.Get<IFormFeature>()?.Form is null)
        {
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }
    }
}
