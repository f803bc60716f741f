using Ledger.Reports.Tests.Support;

namespace Ledger.Reports.Tests;

public class SampleRenderTests
{
    [Fact]
    public void Statement_sample_renders_to_the_folder_named_by_LEDGER_SAMPLE_OUT()
    {
        var folder = Environment.GetEnvironmentVariable("LEDGER_SAMPLE_OUT");
        if (string.IsNullOrEmpty(folder))
        {
            Assert.Skip("Set LEDGER_SAMPLE_OUT to a folder to write sample PDFs for a look.");
        }

        Samples.Statement().WritePdf(Path.Combine(folder, "statement.pdf"));
        Samples.LongTable(300).WritePdf(Path.Combine(folder, "table.pdf"));
        ChartTests.ChartsAndImage().WritePdf(Path.Combine(folder, "charts.pdf"));
        File.Exists(Path.Combine(folder, "statement.pdf")).Should().BeTrue();
    }
}
