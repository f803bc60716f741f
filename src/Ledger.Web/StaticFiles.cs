using Microsoft.Extensions.FileProviders;

namespace Ledger.Web;

/// <summary>Serves wwwroot, and GOV.UK Frontend's fonts and images where its compiled CSS looks for them.</summary>
internal static class StaticFiles
{
    public static void UseGovUkFrontendFiles(this WebApplication app)
    {
        app.UseStaticFiles();
        // govuk-frontend.min.css refers to url(/assets/fonts/...) and url(/assets/images/...).
        var assets = Path.Combine(app.Environment.WebRootPath, "govuk", "assets");
        app.UseStaticFiles(new StaticFileOptions { RequestPath = "/assets", FileProvider = new PhysicalFileProvider(assets) });
    }
}
