using System.Globalization;
using System.Text;
using Ledger.Domain;

namespace Ledger.Application.Purchasing;

/// <summary>
/// The files a payment run hands to the council's finance system (layout in docs/payment-file.md):
/// a payment file with one row per provider, and a remittance with one row per order paid. Both are
/// CSV (RFC 4180, UTF-8 without a byte-order mark, CRLF line ends, a header row), amounts in pounds
/// with two decimals and a point, dates as ISO yyyy-MM-dd. The same run always gives the same bytes.
/// </summary>
public static class PaymentFiles
{
    /// <summary>The payment file's header row.</summary>
    public const string PaymentHeader = "run_reference,payment_date,provider_code,provider_name,sector,sort_code,account_number,account_name,amount,invoice_count,payment_reference";

    /// <summary>The remittance's header row.</summary>
    public const string RemittanceHeader = "run_reference,provider_code,order_reference,invoice_number,invoiced_on,units,unit,unit_price,amount,streams,line_type";

    /// <summary>The payment file: one row per provider.</summary>
    public static string Payments(PaymentRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder().Append(PaymentHeader).Append("\r\n");
        foreach (var p in result.Payments)
        {
            Row(csv, result.Run.Reference, Iso(result.Run.RunOn), p.Provider.Code, p.Provider.Name, p.Provider.Sector.ToString(), p.Provider.Bank.FormattedSortCode,
                p.Provider.AccountNumber, p.Provider.AccountName, Pounds(p.Amount), p.LineCount.ToString(CultureInfo.InvariantCulture), BankReference(result));
        }

        return csv.ToString();
    }

    /// <summary>
    /// The remittance: one row per order paid, per outcome claim paid and per clawback netted (a negative
    /// amount), with what each stream paid of it. For a claim, the order reference is the claim's reference.
    /// </summary>
    public static string Remittance(PaymentRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new StringBuilder().Append(RemittanceHeader).Append("\r\n");
        foreach (var p in result.Payments)
        {
            foreach (var line in p.Lines)
            {
                var streams = string.Join(';', line.Streams.OrderBy(s => result.StreamCodes[s.Stream], StringComparer.Ordinal)
                    .Select(s => $"{result.StreamCodes[s.Stream]}={Pounds(Money.FromPence(s.Amount))}"));
                Row(csv, result.Run.Reference, p.Provider.Code, line.Order.Reference, line.Invoice.Number, Iso(line.Invoice.InvoicedOn),
                    line.Invoice.Units.ToString(CultureInfo.InvariantCulture), line.Order.Unit, Pounds(Money.FromPence(line.Order.UnitPrice)),
                    Pounds(Money.FromPence(line.Invoice.Amount)), streams, "invoice");
            }

            foreach (var line in p.Outcomes)
            {
                var sign = line.Clawback ? -1 : 1;
                var streams = string.Join(';', line.Streams.OrderBy(s => result.StreamCodes[s.Stream], StringComparer.Ordinal)
                    .Select(s => $"{result.StreamCodes[s.Stream]}={Pounds(Money.FromPence(sign * s.Amount))}"));
                var claim = line.Claim;
                var what = claim.Outcome is null ? "attachment fee" : claim.Sustainment is { } n ? $"sustainment {n} {claim.Outcome}" : $"outcome {claim.Outcome}";
                Row(csv, result.Run.Reference, p.Provider.Code, claim.Reference, line.Clawback ? "CLAWBACK" : "CLAIM",
                    Iso(line.Clawback ? result.Run.RunOn : claim.ApprovedOn ?? result.Run.RunOn), "1", what, Pounds(Money.FromPence(claim.Amount)),
                    Pounds(Money.FromPence(line.Amount)), streams, line.Clawback ? "clawback" : "outcome claim");
            }
        }

        return csv.ToString();
    }

    /// <summary>The reference on the provider's bank statement: at most 18 characters, as BACS allows.</summary>
    public static string BankReference(PaymentRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = $"LEDGER {result.Run.RunOn:yyyyMMdd}";
        return text.Length <= 18 ? text : text[..18];
    }

    private static string Iso(NodaTime.LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    private static string Pounds(Money money) => (money.Pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder csv, params string[] fields)
    {
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
    }

    // Quotes fields that need it; a text field starting with = + - @ is prefixed with ' so a spreadsheet does not run it as a formula.
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@' or '-' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
