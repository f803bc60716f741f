using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ledger.Application.Outcomes;
using Ledger.Domain;
using Ledger.Domain.Budgets;
using Ledger.Domain.Outcomes;
using Ledger.Infrastructure.Persistence;
using Ledger.Integration.Tests.Infrastructure;
using Ledger.Integration.Tests.Outcomes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static Ledger.Integration.Tests.Budgets.BudgetWorld;

namespace Ledger.Integration.Tests;

/// <summary>
/// Payment by results (R14–R22) through the real CLI, in its own process, on SQLite: the README's
/// walkthrough runs as written (catalogue and cards imported, a contract, a family enrolled with
/// its £3,200 attachment fee, a result claimed with evidence files and paid, found invalid at a spot check
/// and clawed back in the next payment run, the social-value report and the INDIGO export, then the
/// verifier); running a write again writes nothing; bad arguments exit 2 and refusals by a rule exit 1,
/// each in one line, writing nothing; the whole-family rule, the difficulty weighting with co-payers, and
/// a sample's findings extrapolated line by line.
/// </summary>
public sealed partial class OutcomeCliTests
{
    private const string Cli = "dotnet run --project src/Ledger.Cli -- ";
    private const string Area = "EASTSHIRE";

    // ----- the README walkthrough ------------------------------------------------------------------------

    /// <summary>
    /// On SQLite, as the other CLI walkthroughs are: the services themselves run on PostgreSQL too in
    /// <see cref="PostgreSqlOutcomeTests"/>.
    /// </summary>
    [Fact]
    public async Task ReadmeWalkthrough_Attachment3200AndResult700PaidAs3900_InvalidFindingClawedBackInTheNextRun_R15_R19_R20_R21_R22()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var work = NewFolder();
        var env = CliEnvironment(db, work);
        try
        {
            // Cards before the catalogue: the whole batch is refused (exit 1) and no card is imported.
            var early = await CliProcess.RunInAsync(work, env, "ratecard", "import", "--shipped", "all");
            early.ExitCode.Should().Be(1, early.Output + early.Error);
            early.Error.Should().StartWith("UnknownOutcome: ").And.Contain("No card was imported");
            early.Error.TrimEnd().Should().NotContain("\n");
            await using (var context = db.CreateContext())
            {
                (await context.RateCards.CountAsync()).Should().Be(0);
            }

            var steps = ReadmeSteps("## Payment by results");
            steps.Where(s => s.Args is not null).Select(s => s.Args![0]).Should().Contain(["outcomes", "ratecard", "contract", "enrol", "claim", "payment-run", "sample",
                "social-value", "export", "verify"]);
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            var outputs = new List<(string Command, string Output)>();
            foreach (var step in steps)
            {
                if (step.File is { } file)
                {
                    var path = Path.Combine(work, file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    await File.WriteAllTextAsync(path, file.Text);
                    continue;
                }

                var args = step.Args!.Select(a => variables.Aggregate(a, (text, v) => text.Replace("$" + v.Key, v.Value, StringComparison.Ordinal))).ToArray();
                var result = await CliProcess.RunInAsync(work, env, args);
                result.ExitCode.Should().Be(0, $"`ledger {string.Join(' ', args)}` failed: {result.Output}{result.Error}");
                outputs.Add((string.Join(' ', args), result.Output));
                if (step.Capture is { } capture)
                {
                    variables[capture.Variable] = Regex.Match(result.Output, $"^{Regex.Escape(capture.Word)} (\\S+)", RegexOptions.Multiline).Groups[1].Value;
                }
            }

            var (claim, sample) = (variables["CLAIM"], variables["SAMPLE"]);
            claim.Should().MatchRegex("^CLM-[0-9A-F]{10}$");
            sample.Should().MatchRegex("^SMP-[0-9A-F]{8}$");
            string Out(string command, string containing = "") =>
                outputs.First(o => o.Command.StartsWith(command, StringComparison.Ordinal) && o.Command.Contains(containing, StringComparison.Ordinal)).Output;

            // The catalogue and the shipped cards (R14, R15).
            Out("outcomes list").Should().MatchRegex(@"(?m)^TF-CRIME-EDU +Crime/ASB down and school attendance up +make a positive contribution +26 weeks +any +"
                + @"police or youth offending record; school attendance record +£4,500\.00 to POLICE, cost avoidance$");
            Out("ratecard import").Should().Contain("imported rate card TF-2012-Y1 v1 (troubled-families-2012-year1.json): contract TF-2012, cohort 1");
            Out("ratecard list").Should().MatchRegex(@"(?m)^  TF-2012-Y1 +1 +TF-2012 +1 +2012-04-01 +open +£3,200\.00 +3 +0 +£4,000\.00 +DCLG-TF 100%");

            // Enrolment: the card is chosen and fixed, the attachment fee owed with its working (R15, example 5).
            var enrol = Out("enrol", "FAM-A");
            enrol.Should().Contain("FAM-A enrolled on TF-2012 on 2012-06-01").And.Contain("rate card TF-2012-Y1 v1 (contract TF-2012, cohort 1")
                .And.Contain("attachment fee owed to PRV-FAMWORKS: £3,200.00").And.Contain("Attachment fee on card TF-2012-Y1 v1: £3,200.00")
                .And.Contain("DCLG-TF pays 100%: £3,200.00");

            // The claim: its window (R18), evidence checked by content (R20), validated at £700 and owed once approved (R19).
            Out("claim draft").Should().Contain($"claim {claim} drafted for FAM-A under TF-2012: outcome TF-CRIME-EDU")
                .And.Contain("sustained on 2012-12-14").And.Contain("may be claimed from 2013-01-09");
            Out("claim evidence", "yot-record").Should().Contain("still to attach for TF-CRIME-EDU: school attendance record");
            Out("claim evidence", "attendance").Should().Contain("every kind of evidence TF-CRIME-EDU requires is attached");
            Out("claim submit").Should().Contain($"claim {claim} submitted on 2013-01-21 and validated").And.Contain("payable £700.00");
            Out("claim approve").Should().Contain("£700.00 is owed to PRV-FAMWORKS").And.MatchRegex(@"(?m)^    DCLG-TF +£700\.00$");
            var attendance = await File.ReadAllBytesAsync(Path.Combine(work, "data", "attendance.txt"));
            var sha = Convert.ToHexStringLower(SHA256.HashData(attendance));
            Out("claim show").Should().Contain("status         approved, owed").And.MatchRegex(@"(?m)^    outcome +school attendance record +attendance\.txt +text/plain +97 ")
                .And.Contain(sha);
            File.Exists(Path.Combine(work, "evidence-store", sha[..2], sha[2..4], sha)).Should().BeTrue("evidence is kept by its sha256");

            // Payment runs: £3,200 + £700 = £3,900; then the £700 found invalid is netted against the next family's £3,200 (R21, example 9).
            Out("payment-run", "2013-01-31").Should().Contain("paid PRV-FAMWORKS 1/1 £3,900.00").And.Contain("£3,900.00 in total");
            Out("sample draw").Should().Contain($"sample {sample} drawn by AUDIT-01: 1 of the 1 outcome claim(s) approved 2013-01-01 to 2013-01-31")
                .And.MatchRegex($@"(?m)^  {claim} +PRV-FAMWORKS +FAM-A +outcome TF-CRIME-EDU +2013-01-24 +£700\.00 +paid by PR-EASTSHIRE-20130131 +random +pending$");
            var bundle = Out("claim bundle");
            bundle.Should().Contain("eligibility:").And.Contain("Enrolled on TF-2012 on 2012-06-01, cohort 1, priced by card TF-2012-Y1 v1")
                .And.Contain("evidence of the work: none attached").And.Contain("evidence of the outcome:").And.Contain(sha)
                .And.Contain("how the amount was computed:").And.Contain($"{sample}: chosen because random; pending");
            Out("sample finding").Should().Contain("found invalid by AUDIT-01: Attendance record was for another child")
                .And.Contain("recovered by a reversing entry netted against PRV-FAMWORKS's next payment run");
            Out("payment-run", "2013-02-28").Should().Contain("paid PRV-FAMWORKS 1/1 £2,500.00").And.Contain("£2,500.00 in total");
            var list = Out("claim list");
            list.Should().MatchRegex($@"(?m)^{claim} +TF-2012 +FAM-A +outcome TF-CRIME-EDU +2012-06-15 +2013-01-21 +2013-01-24 +£700\.00 +clawed back by PR-EASTSHIRE-20130228$")
                .And.MatchRegex(@"(?m)^  paid +£6,400\.00$").And.MatchRegex(@"(?m)^  recovered \(clawed back, or reversed before payment\) +£700\.00$");
            var remittance = await File.ReadAllTextAsync(Path.Combine(work, "data", "payment-runs", "PR-EASTSHIRE-20130228-remittance.csv"));
            remittance.Should().Contain(claim).And.Contain("-700.00");

            // Social value (R22): the result paid, its cost avoided and agency; cost avoidance and cashable savings in separate totals.
            var social = Out("social-value");
            social.Should().MatchRegex($@"(?m)^  {claim} +TF-CRIME-EDU +£700\.00 +£4,500\.00 +POLICE +cost avoidance +Unit cost database")
                .And.MatchRegex(@"(?m)^  POLICE +1 +£4,500\.00 +£0\.00$").And.MatchRegex(@"(?m)^  cost avoidance +£4,500\.00 ").And.MatchRegex(@"(?m)^  cashable savings +£0\.00 ");

            // INDIGO: prices of the card and planned/actual payments of the claim.
            Out("export indigo").Should().Contain("4 outcome pricing(s), 2 outcome payment row(s)");
            using (var indigo = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "data", "indigo.json"))))
            {
                var data = indigo.RootElement.GetProperty("project").GetProperty("data");
                data.GetProperty("outcome_payments").EnumerateArray().Select(p => p.GetProperty("outcome_metric_id").GetProperty("value").GetString())
                    .Should().Equal("TF-CRIME-EDU", "TF-CRIME-EDU");
            }

            Out("verify").Should().Contain("verify: all");

            // Running the writes again writes nothing.
            var before = await SnapshotAsync(db);
            foreach (var again in new[] { "ratecard import", "contract add", "enrol", "claim draft", "claim evidence", "claim submit", "claim signoff", "claim approve" })
            {
                var command = outputs.First(o => o.Command.StartsWith(again, StringComparison.Ordinal)).Command;
                var args = steps.Where(s => s.Args is not null).Select(s => s.Args!.Select(a => variables.Aggregate(a, (t, v) => t.Replace("$" + v.Key, v.Value, StringComparison.Ordinal))).ToArray())
                    .First(a => string.Join(' ', a) == command);
                var replay = await CliProcess.RunInAsync(work, env, args);
                if (again is "claim evidence" or "claim submit" or "claim signoff" or "claim approve")
                {
                    // The claim has moved on (paid, then clawed back): its earlier steps are refused by its state, writing nothing.
                    replay.ExitCode.Should().Be(1, $"`ledger {command}`: {replay.Output}{replay.Error}");
                    replay.Error.Should().StartWith("ClaimNotInState: ");
                }
                else
                {
                    replay.ExitCode.Should().Be(0, $"`ledger {command}`: {replay.Error}");
                    replay.Output.Should().Contain("nothing written", command);
                }
            }

            (await SnapshotAsync(db)).Should().Be(before);

            // After the clawback the claim shows how it ended, and no longer counts as social value.
            var shown = await CliProcess.RunInAsync(work, env, "claim", "show", "--area", Area, "--claim", claim);
            shown.Output.Should().Contain("status         clawed back by PR-EASTSHIRE-20130228").And.Contain("found invalid  Attendance record was for another child");
            var after = await CliProcess.RunInAsync(work, env, "social-value", "--area", Area, "--from", "2012-04-01", "--to", "2013-03-31");
            after.Output.Should().Contain("no outcome claim was approved (and not clawed back) in the period");

            // An exported card reads back as the card imported, and checks.
            var exported = Path.Combine(work, "tf.json");
            var export = await CliProcess.RunInAsync(work, env, "ratecard", "export", "--card", "TF-2012-Y1", "--out", exported);
            export.ExitCode.Should().Be(0, export.Error);
            RateCardJson.Read(await File.ReadAllTextAsync(exported)).Value.Should().BeEquivalentTo(RateCardJson.Read(RateCardJson.Shipped()["troubled-families-2012-year1.json"]).Value);
            (await CliProcess.RunInAsync(work, env, "ratecard", "check", "--file", exported)).ExitCode.Should().Be(0);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // ----- bad arguments (exit 2) and refusals by a rule (exit 1) ------------------------------------------

    private static readonly string[][] BadInputs =
    [
        // Bad arguments: exit 2, "error: ..."
        ["2", "error: option --by is required", "enrol", "--area", AreaCode, "--contract", OutcomesWorld.Eh, "--subject", Ben, "--on", "2026-04-10"],
        ["2", "error: --disability must be a whole number from 0 to 3", "enrol", "--area", AreaCode, "--contract", OutcomesWorld.Eh, "--subject", Ben, "--on", "2026-04-10",
            "--disability", "4", "--by", Lp],
        ["2", "error: --on must be a date", "enrol", "--area", AreaCode, "--contract", OutcomesWorld.Eh, "--subject", Ben, "--on", "10/04/2026", "--by", Lp],
        ["2", "error: --achieved must be a date", "claim", "draft", "--area", AreaCode, "--contract", OutcomesWorld.Tf, "--subject", OutcomesWorld.Family, "--outcome",
            "TF-CRIME-EDU", "--achieved", "2012-13-01", "--by", "PROVIDER-USER"],
        ["2", "error: --sustainment must be a whole number", "claim", "draft", "--area", AreaCode, "--contract", OutcomesWorld.Eh, "--subject", Amy, "--outcome",
            "EH-ATTENDANCE", "--sustainment", "0", "--achieved", "2026-04-20", "--by", "PROVIDER-USER"],
        ["2", "error: --file: no file at", "claim", "evidence", "--area", AreaCode, "--claim", "{draft}", "--file", "no-such-file.pdf", "--describes", "school attendance record",
            "--by", "PROVIDER-USER"],
        ["2", "error: --purpose must be eligibility or work or outcome", "claim", "evidence", "--area", AreaCode, "--claim", "{draft}", "--file", "{pdf}",
            "--describes", "school attendance record", "--purpose", "proof", "--by", "PROVIDER-USER"],
        ["2", "error: give either --valid or --invalid", "sample", "finding", "--area", AreaCode, "--sample", "SMP-00000000", "--claim", "{signed}", "--valid", "--invalid",
            "--by", OutcomesWorld.Auditor],
        ["2", "error: option --note is required", "sample", "finding", "--area", AreaCode, "--sample", "SMP-00000000", "--claim", "{signed}", "--invalid",
            "--by", OutcomesWorld.Auditor],
        ["2", "error: --percent must be a percentage", "sample", "draw", "--area", AreaCode, "--from", "2013-01-01", "--to", "2013-01-31", "--percent", "150", "--seed", "1",
            "--by", OutcomesWorld.Auditor],
        ["2", "error: --to (2013-01-01) is before --from", "sample", "draw", "--area", AreaCode, "--from", "2013-01-31", "--to", "2013-01-01", "--percent", "10", "--seed", "1",
            "--by", OutcomesWorld.Auditor],
        ["2", "error: --status must be", "claim", "list", "--area", AreaCode, "--status", "lost"],
        ["2", "error: usage: claim draft|evidence", "claim", "frobnicate", "--area", AreaCode],
        ["2", "error: unknown option --colour", "contract", "list", "--area", AreaCode, "--colour", "red"],
        ["2", "error: give either --file F, --shipped NAME or --shipped all", "ratecard", "import"],
        ["2", "error: --shipped must be all or one of", "ratecard", "import", "--shipped", "no-such-card.json"],
        ["2", "error: --out: the folder of", "export", "indigo", "--area", AreaCode, "--project", "INDIGO-POJ-9999", "--out", "no-such-folder/indigo.json"],
        ["2", "error: --period must be quarter or month or year", "export", "indigo", "--area", AreaCode, "--project", "INDIGO-POJ-9999", "--period", "week", "--out", "{out}"],
        ["2", "error: --to (2013-01-01) is before --from", "social-value", "--area", AreaCode, "--from", "2013-02-01", "--to", "2013-01-01"],
        ["2", "error: --card must be a code", "ratecard", "export", "--card", "TF 2012"],
        ["2", "error: --reason must be 1–500 characters", "claim", "reject", "--area", AreaCode, "--claim", "{draft}", "--reason", " "],

        // Refusals by a rule: exit 1, "Code: message"
        ["1", "UnknownArea: ", "contract", "list", "--area", "NOWHERE"],
        ["1", "UnknownArea: ", "export", "indigo", "--area", "NOWHERE", "--project", "INDIGO-POJ-9999", "--out", "{out}"],
        ["1", "UnknownPool: ", "contract", "add", "--area", AreaCode, "--code", "NEW-CONTRACT", "--name", "New", "--provider", OutcomesWorld.Provider, "--pool", "NO-POOL",
            "--starts", "2026-04-01"],
        ["1", "InvalidRequest: ", "contract", "add", "--area", AreaCode, "--code", OutcomesWorld.Tf, "--name", "Other terms", "--provider", OutcomesWorld.Provider,
            "--pool", OutcomesWorld.PbrPool, "--starts", "2012-04-01"],
        ["1", "UnknownContract: ", "enrol", "--area", AreaCode, "--contract", "NO-CONTRACT", "--subject", Ben, "--on", "2026-04-10", "--by", Lp],
        ["1", "AlreadyEnrolled: ", "enrol", "--area", AreaCode, "--contract", OutcomesWorld.Tf, "--subject", OutcomesWorld.Family, "--on", "2012-07-01", "--by", Lp],
        ["1", "NoRateCard: ", "enrol", "--area", AreaCode, "--contract", OutcomesWorld.If, "--subject", OutcomesWorld.Yp16, "--on", "2012-03-01", "--by", Lp],
        ["1", "IdempotencyConflict: ", "enrol", "--area", AreaCode, "--contract", OutcomesWorld.Eh, "--subject", Ben, "--on", "2026-04-10", "--by", Lp,
            "--key", $"enrol:{AreaCode}:{OutcomesWorld.Tf}:{OutcomesWorld.Family}"],
        ["1", "IdempotencyConflict: ", "claim", "draft", "--area", AreaCode, "--contract", OutcomesWorld.Eh, "--subject", Amy, "--outcome", "EH-ATTENDANCE",
            "--achieved", "2026-05-01", "--by", "PROVIDER-USER", "--key", "bad:draft"],
        ["1", "NotEnrolled: ", "claim", "draft", "--area", AreaCode, "--contract", OutcomesWorld.Tf, "--subject", Ben, "--outcome", "TF-CRIME-EDU", "--achieved", "2012-07-01",
            "--by", "PROVIDER-USER"],
        ["1", "UnknownOutcome: ", "claim", "draft", "--area", AreaCode, "--contract", OutcomesWorld.Tf, "--subject", OutcomesWorld.Family, "--outcome", "TF-NOTHING",
            "--achieved", "2012-07-01", "--by", "PROVIDER-USER"],
        ["1", "OutcomeNotOnCard: ", "claim", "draft", "--area", AreaCode, "--contract", OutcomesWorld.Tf, "--subject", OutcomesWorld.Family, "--outcome", "IF-L1",
            "--achieved", "2012-07-01", "--by", "PROVIDER-USER"],
        ["1", "InvalidDates: ", "claim", "draft", "--area", AreaCode, "--contract", OutcomesWorld.Tf, "--subject", OutcomesWorld.Family, "--outcome", "TF-PROGRESS-WORK",
            "--achieved", "2012-05-01", "--by", "PROVIDER-USER"],
        ["1", "EvidenceTypeNotAllowed: ", "claim", "evidence", "--area", AreaCode, "--claim", "{draft}", "--file", "{exe}", "--describes", "school attendance record",
            "--by", "PROVIDER-USER"],
        ["1", "EvidenceTypeNotAllowed: ", "claim", "evidence", "--area", AreaCode, "--claim", "{draft}", "--file", "{fake-pdf}", "--describes", "school attendance record",
            "--by", "PROVIDER-USER"],
        ["1", "EvidenceTooLarge: ", "claim", "evidence", "--area", AreaCode, "--claim", "{draft}", "--file", "{large}", "--describes", "school attendance record",
            "--by", "PROVIDER-USER"],
        ["1", "EvidenceMissing: ", "claim", "submit", "--area", AreaCode, "--claim", "{draft}", "--on", "2026-05-01"],
        ["1", "OutsideClaimWindow: ", "claim", "submit", "--area", AreaCode, "--claim", "{ready}", "--on", "2012-12-20"],
        ["1", "ClaimNotInState: ", "claim", "approve", "--area", AreaCode, "--claim", "{draft}", "--by", Holder, "--on", "2026-08-12"],
        ["1", "SelfApproval: ", "claim", "approve", "--area", AreaCode, "--claim", "{signed}", "--by", OutcomesWorld.Auditor, "--on", "2026-08-12"],
        ["1", "InvalidDates: ", "claim", "approve", "--area", AreaCode, "--claim", "{signed}", "--by", Holder, "--on", "2026-08-01"],
        ["1", "ClaimNotInState: ", "claim", "signoff", "--area", AreaCode, "--claim", "{draft}", "--by", OutcomesWorld.Auditor],
        ["1", "UnknownClaim: ", "claim", "show", "--area", AreaCode, "--claim", "CLM-0000000000"],
        ["1", "UnknownClaim: ", "claim", "bundle", "--area", AreaCode, "--claim", "CLM-0000000000"],
        ["1", "UnknownSubject: ", "recurrence", "--area", AreaCode, "--child", OutcomesWorld.Family, "--outcome", "TF-CRIME-EDU", "--on", "2013-01-10"],
        ["1", "UnknownOutcome: ", "recurrence", "--area", AreaCode, "--child", Ben, "--outcome", "TF-NOTHING", "--on", "2013-01-10"],
        ["1", "InvalidSample: ", "sample", "draw", "--area", AreaCode, "--from", "2013-01-01", "--to", "2013-01-31", "--percent", "10", "--seed", "1", "--by", OutcomesWorld.Auditor],
        ["1", "InvalidSample: ", "sample", "show", "--area", AreaCode, "--sample", "SMP-00000000"],
        ["1", "UnknownSpotCheck: ", "sample", "finding", "--area", AreaCode, "--sample", "SMP-00000000", "--claim", "{signed}", "--valid", "--by", OutcomesWorld.Auditor],
        ["1", "InvalidSample: ", "sample", "extrapolate", "--area", AreaCode, "--sample", "SMP-00000000", "--provider", OutcomesWorld.Provider],
        ["1", "RateCardOverlap: ", "ratecard", "import", "--file", "{overlap}"],
        ["1", "InvalidRateCard: ", "ratecard", "import", "--file", "{changed}"],
        ["1", "InvalidRateCard: ", "ratecard", "import", "--file", "{unbalanced}"],
        ["1", "NoRateCard: ", "ratecard", "export", "--card", "NO-CARD"],
        ["1", "NoRateCard: ", "ratecard", "export", "--card", "TF-2012-Y1", "--version", "9"],
        ["1", "UnknownArea: ", "social-value", "--area", "NOWHERE"],
    ];

    [Fact]
    public async Task BadArgumentsExit2_RefusalsByARuleExit1_InOneLineWithTheStableCode_AndWriteNothing_R14_R15_R17_R18_R20_R21()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        Ok(await w.EnrolAsync(OutcomesWorld.Eh, Amy, new LocalDate(2026, 4, 10), age: 10));
        var ready = await w.DraftWithEvidenceAsync(OutcomesWorld.Tf, OutcomesWorld.Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15));
        var draft = Ok(await w.Outcomes.DraftAsync(new DraftClaimRequest(AreaCode, OutcomesWorld.Eh, Amy, "EH-SALT-TARGET", null, new LocalDate(2026, 4, 20), "PROVIDER-USER",
            "bad:draft")));
        var signed = await w.DraftWithEvidenceAsync(OutcomesWorld.Eh, Amy, "EH-ATTENDANCE", new LocalDate(2026, 4, 20));
        Ok(await w.Outcomes.SubmitAsync(AreaCode, signed.Reference, new LocalDate(2026, 8, 10)));
        Ok(await w.Outcomes.SignOffAsync(AreaCode, signed.Reference, OutcomesWorld.Auditor));

        var work = NewFolder();
        try
        {
            var files = new Dictionary<string, string>
            {
                ["{pdf}"] = "attendance.pdf", ["{exe}"] = "attendance.exe", ["{fake-pdf}"] = "fake.pdf", ["{large}"] = "large.pdf", ["{overlap}"] = "overlap.json",
                ["{changed}"] = "changed.json", ["{unbalanced}"] = "unbalanced.json",
            };
            await File.WriteAllBytesAsync(Path.Combine(work, files["{pdf}"]), OutcomesWorld.Pdf("attendance"));
            await File.WriteAllBytesAsync(Path.Combine(work, files["{exe}"]), [0x4D, 0x5A, 0x90, 0x00]);
            await File.WriteAllTextAsync(Path.Combine(work, files["{fake-pdf}"]), "<html>not a pdf</html>");
            await File.WriteAllBytesAsync(Path.Combine(work, files["{large}"]), [.. OutcomesWorld.Pdf("large"), .. new byte[11 * 1024 * 1024]]);
            await File.WriteAllTextAsync(Path.Combine(work, files["{overlap}"]), OutcomesWorld.DevonCard.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(work, files["{changed}"]), OutcomesWorld.DevonCard.Replace("\"amount\": \"500.00\"", "\"amount\": \"550.00\"", StringComparison.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(work, files["{unbalanced}"]), OutcomesWorld.DevonCard.Replace("\"percent\": 80", "\"percent\": 70", StringComparison.Ordinal));
            var names = new Dictionary<string, string>
            {
                ["{draft}"] = draft.Reference, ["{ready}"] = ready.Reference, ["{signed}"] = signed.Reference, ["{out}"] = Path.Combine(work, "indigo.json"),
            };
            foreach (var (placeholder, file) in files)
            {
                names[placeholder] = Path.Combine(work, file);
            }

            var env = CliEnvironment(db, work);
            var before = await SnapshotAsync(db);
            // A few processes at a time: sixty at once can starve a small, busy machine past the CLI's time limit.
            var results = new (int Code, string Expected, string Args, (int ExitCode, string Output, string Error) Result)[BadInputs.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, BadInputs.Length), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, System.Environment.ProcessorCount) },
                async (i, _) =>
                {
                    var c = BadInputs[i];
                    var args = c.Skip(2).Select(a => names.GetValueOrDefault(a, a)).ToArray();
                    results[i] = (int.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), c[1], string.Join(' ', args), await CliProcess.RunInAsync(work, env, args));
                });

            foreach (var (code, expected, args, result) in results)
            {
                result.ExitCode.Should().Be(code, $"`ledger {args}`: {result.Output}{result.Error}");
                result.Error.Should().StartWith(expected, $"`ledger {args}`");
                result.Error.TrimEnd().Should().NotContain("\n", $"`ledger {args}`");
                result.Output.Should().BeEmpty($"`ledger {args}` writes nothing before it is refused");
            }

            (await SnapshotAsync(db)).Should().Be(before);
            File.Exists(Path.Combine(work, "indigo.json")).Should().BeFalse("a refused export writes no file");
            Directory.Exists(Path.Combine(work, "evidence-store")).Should().BeFalse("no refused evidence is stored");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // ----- the whole-family rule, weighting and co-payers, assurance ----------------------------------------

    [Fact]
    public async Task RecurrenceCli_AFamilyMemberStartsTheProblemAgain_TheFamilyClaimIsNamedAndRefusedAtSubmission_R21()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var w = await OutcomesWorld.CreateAsync(db);
        Ok(await w.EnrolAsync(OutcomesWorld.Tf, OutcomesWorld.Family, new LocalDate(2012, 6, 1)));
        var claim = await w.DraftWithEvidenceAsync(OutcomesWorld.Tf, OutcomesWorld.Family, "TF-CRIME-EDU", new LocalDate(2012, 6, 15));
        var work = NewFolder();
        try
        {
            var env = CliEnvironment(db, work);
            var recurrence = await CliProcess.RunInAsync(work, env, "recurrence", "--area", AreaCode, "--child", Ben, "--outcome", "TF-CRIME-EDU", "--on", "2013-01-10",
                "--note", "New ASB incident");
            recurrence.ExitCode.Should().Be(0, recurrence.Error);
            recurrence.Output.Should().Contain($"the problem behind TF-CRIME-EDU started again for {Ben} on 2013-01-10 (New ASB incident)")
                .And.Contain($"claim {claim.Reference} ({OutcomesWorld.Family}, draft) will be refused with WholeFamilyVoid when submitted");

            var before = await SnapshotAsync(db);
            var submit = await CliProcess.RunInAsync(work, env, "claim", "submit", "--area", AreaCode, "--claim", claim.Reference, "--on", "2013-01-21");
            submit.ExitCode.Should().Be(1, submit.Output);
            submit.Error.Should().StartWith("WholeFamilyVoid: ").And.Contain("2013-01-10");
            (await SnapshotAsync(db)).Should().Be(before);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task EnrolAndApproveCli_FactorsWeightTheOutcome_AndEachCoPayersSharePrintsPerStream_R16_R19()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var w = await OutcomesWorld.CreateAsync(db);
        var work = NewFolder();
        try
        {
            var env = CliEnvironment(db, work);
            string[] enrolArgs = ["enrol", "--area", AreaCode, "--contract", OutcomesWorld.Eh, "--subject", Amy, "--on", "2026-04-10", "--age", "9", "--years-in-care", "2",
                "--risk-factors", "1", "--by", Lp];
            var enrol = await CliProcess.RunInAsync(work, env, enrolArgs);
            enrol.ExitCode.Should().Be(0, enrol.Error);
            enrol.Output.Should().Contain($"{Amy} enrolled on {OutcomesWorld.Eh} on 2026-04-10 by {Lp}")
                .And.Contain("2 year(s) in care, 1 risk factor(s), disability severity 0, 0 previous exclusion(s): outcome payments weighted × 1.25")
                .And.Contain("no attachment fee on card DEVON-EH-2026");
            var again = await CliProcess.RunInAsync(work, env, enrolArgs);
            again.Output.Should().StartWith($"{Amy} was already enrolled on {OutcomesWorld.Eh} under key cli:enrol:").And.Contain("nothing written");

            var draft = await w.DraftWithEvidenceAsync(OutcomesWorld.Eh, Amy, "EH-ATTENDANCE", new LocalDate(2026, 4, 20));
            var submit = await CliProcess.RunInAsync(work, env, "claim", "submit", "--area", AreaCode, "--claim", draft.Reference, "--on", "2026-08-10");
            submit.ExitCode.Should().Be(0, submit.Error);
            submit.Output.Should().Contain("payable £1,250.00").And.Contain("Difficulty weight 1.25 from the factors at enrolment: £1,000.00 × 1.25 = £1,250.00");
            (await CliProcess.RunInAsync(work, env, "claim", "signoff", "--area", AreaCode, "--claim", draft.Reference, "--by", OutcomesWorld.Auditor)).ExitCode.Should().Be(0);
            var approve = await CliProcess.RunInAsync(work, env, "claim", "approve", "--area", AreaCode, "--claim", draft.Reference, "--by", Holder, "--on", "2026-08-12");
            approve.ExitCode.Should().Be(0, approve.Error);
            approve.Output.Should().Contain("£1,250.00 is owed to PRV-FAMWORKS").And.Contain($"drawn from pool {PoolCode}")
                .And.MatchRegex(@"(?m)^    CSC-2026 +£1,000\.00$").And.MatchRegex(@"(?m)^    GRANT-2026 +£250\.00$");
            (await w.OwedAsync()).Should().BeEquivalentTo(new Dictionary<string, Money> { ["CSC-2026"] = Pounds(1_000), ["GRANT-2026"] = Pounds(250) });

            var list = await CliProcess.RunInAsync(work, env, "contract", "list", "--area", AreaCode);
            list.Output.Should().MatchRegex($@"(?m)^{OutcomesWorld.Eh} +Devon early help outcomes 2026 +PRV-FAMWORKS +{PoolCode} +2026-04-01 +2027-03-31 +DEVON-EH-2026 v1 \(cohort 2026\) +£1,250\.00 +£0\.00$");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task SampleCli_SeededDrawWithAThreshold_FindingsThenExtrapolation_PrintsTheRecoveryLineByLineWithItsTotal_R21()
    {
        await using var db = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var w = await OutcomesWorld.CreateAsync(db);
        foreach (var (subject, age) in new[] { (OutcomesWorld.Yp16, 16), ("YP-A", 15), ("YP-B", 17) })
        {
            if (subject != OutcomesWorld.Yp16)
            {
                Ok(await w.Budgets.People.AddChildAsync(AreaCode, subject, "Young Person", new LocalDate(1995, 1, 1)));
            }

            Ok(await w.EnrolAsync(OutcomesWorld.If, subject, new LocalDate(2012, 9, 3), age: age));
            await w.ClaimThroughAsync(OutcomesWorld.If, subject, "IF-L1", new LocalDate(2012, 10, 1), new LocalDate(2012, 11, 1));         // £1,100
            await w.ClaimThroughAsync(OutcomesWorld.If, subject, "IF-ATTITUDE", new LocalDate(2012, 10, 1), new LocalDate(2012, 11, 1));   // £700
        }

        var work = NewFolder();
        try
        {
            var env = CliEnvironment(db, work);
            string[] drawArgs = ["sample", "draw", "--area", AreaCode, "--from", "2012-11-01", "--to", "2012-11-30", "--percent", "0", "--seed", "7", "--threshold", "1000.00",
                "--by", OutcomesWorld.Auditor];
            var draw = await CliProcess.RunInAsync(work, env, drawArgs);
            draw.ExitCode.Should().Be(0, draw.Error);
            var reference = Regex.Match(draw.Output, "^sample (SMP-[0-9A-F]{8}) drawn", RegexOptions.Multiline).Groups[1].Value;
            draw.Output.Should().Contain("3 of the 6 outcome claim(s) approved 2012-11-01 to 2012-11-30").And.Contain("value threshold: every claim of £1,000.00 or more");
            var chosen = Regex.Matches(draw.Output, @"(?m)^  (CLM-[0-9A-F]{10}) .* at or above £1,000\.00 +pending$").Select(m => m.Groups[1].Value).ToList();
            chosen.Should().HaveCount(3);

            // One £1,100 claim invalid, two valid: an error rate of a third, applied to each of the three £700 claims not sampled.
            var invalid = await CliProcess.RunInAsync(work, env, "sample", "finding", "--area", AreaCode, "--sample", reference, "--claim", chosen[0], "--invalid",
                "--note", "No certificate", "--by", OutcomesWorld.Auditor);
            invalid.ExitCode.Should().Be(0, invalid.Error);
            invalid.Output.Should().Contain("was owed to PRV-FAMWORKS but not yet paid: the payable was reversed at once");
            foreach (var valid in chosen.Skip(1))
            {
                var found = await CliProcess.RunInAsync(work, env, "sample", "finding", "--area", AreaCode, "--sample", reference, "--claim", valid, "--valid", "--by", OutcomesWorld.Auditor);
                found.Output.Should().Contain($"claim {valid} in sample {reference} found valid by {OutcomesWorld.Auditor}: it stands (£1,100.00)");
            }

            var extrapolation = await CliProcess.RunInAsync(work, env, "sample", "extrapolate", "--area", AreaCode, "--sample", reference, "--provider", OutcomesWorld.Provider);
            extrapolation.ExitCode.Should().Be(0, extrapolation.Error);
            extrapolation.Output.Should().Contain("checked in the sample: £3,300.00; found invalid: £1,100.00; error rate 33.33% (invalid ÷ checked)")
                .And.MatchRegex(@"(?m)^  total +£2,100\.00 +£699\.99$").And.Contain("£699.99 may be recovered from PRV-FAMWORKS").And.Contain("nothing is posted");
            Regex.Matches(extrapolation.Output, @"(?m)^  CLM-[0-9A-F]{10} +£700\.00 +× 33\.33% +£233\.33$").Should().HaveCount(3);

            var show = await CliProcess.RunInAsync(work, env, "sample", "show", "--area", AreaCode, "--sample", reference);
            show.Output.Should().Contain("3 claim(s) worth £3,300.00: 3 checked (2 valid, 1 invalid worth £1,100.00), 0 pending")
                .And.Contain($"INVALID ({OutcomesWorld.Auditor}): No certificate");
            var samples = await CliProcess.RunInAsync(work, env, "sample", "list", "--area", AreaCode);
            samples.Output.Should().MatchRegex($@"(?m)^{reference} +2012-11-01 to 2012-11-30 +0% +7 +£1,000\.00 +{OutcomesWorld.Auditor} .* 3 +0 +1$");

            // The same seed draws the same claims (the draw is recorded, so it can be repeated and explained).
            var redraw = await CliProcess.RunInAsync(work, env, drawArgs);
            Regex.Matches(redraw.Output, @"(?m)^  (CLM-[0-9A-F]{10}) ").Select(m => m.Groups[1].Value).Should().Equal(chosen.Order(StringComparer.Ordinal).Where(c => c != chosen[0]));

            var verify = await CliProcess.RunAsync(db.ChildEnvironment(), "verify");
            verify.ExitCode.Should().Be(0, verify.Output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // ----- helpers ------------------------------------------------------------------------------------------

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledger-tests", "outcome-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The CLI pointed at the test database, with evidence kept in the test's folder rather than the checkout.</summary>
    private static Dictionary<string, string> CliEnvironment(TestDatabase db, string work) =>
        new(db.ChildEnvironment()) { ["Ledger__Outcomes__EvidenceFolder"] = Path.Combine(work, "evidence-store") };

    /// <summary>Everything a refused or repeated request must leave as it was: the ledger and every payment-by-results record, with versions.</summary>
    private static async Task<string> SnapshotAsync(TestDatabase db)
    {
        await using var c = db.CreateContext();
        var parts = new List<object>
        {
            await c.JournalEntries.CountAsync(), await c.Postings.CountAsync(), await c.IdempotencyRecords.CountAsync(), await c.Outcomes.CountAsync(),
            await c.OutcomeClaimShares.CountAsync(), await c.EvidenceFiles.CountAsync(), await c.ProblemRecurrences.CountAsync(), await c.AssuranceSamples.CountAsync(),
            await c.PaymentRuns.CountAsync(), await c.ProviderPayments.CountAsync(),
        };
        parts.AddRange((await c.Accounts.Select(a => new { a.Id, a.Balance, a.Held, a.Version }).ToListAsync()).Select(a => $"{a.Id}:{a.Balance}:{a.Held}:{a.Version}").Order(StringComparer.Ordinal));
        parts.AddRange((await c.RateCards.Select(r => new { r.Code, r.Version, r.Json }).ToListAsync()).Select(r => $"{r.Code}:{r.Version}:{r.Json.Length}").Order(StringComparer.Ordinal));
        parts.AddRange((await c.OutcomeContracts.ToListAsync()).Select(k => $"{k.Code}:{k.Name}:{k.Version}").Order(StringComparer.Ordinal));
        parts.AddRange((await c.Enrolments.ToListAsync()).Select(e => $"{e.Id}:{e.Card}:{e.Version}").Order(StringComparer.Ordinal));
        parts.AddRange((await c.OutcomeClaims.ToListAsync()).Select(k => $"{k.Reference}:{k.Status}:{k.Amount}:{k.Version}").Order(StringComparer.Ordinal));
        parts.AddRange((await c.SpotChecks.ToListAsync()).Select(s => $"{s.Claim}:{s.Finding}:{s.Version}").Order(StringComparer.Ordinal));
        return string.Join('\n', parts);
    }

    private sealed record ReadmeFile(string Path, string Text);

    private sealed record ReadmeStep(string[]? Args, ReadmeFile? File, (string Variable, string Word)? Capture);

    /// <summary>
    /// The steps of a README section's first bash block, in order: each CLI command as its argument list
    /// (the shell's quoting undone) with the variable taken from the file its output is tee'd into
    /// (<c>CLAIM=$(awk '/^claim /{print $2}' data/claim.txt)</c>), and each evidence file written with
    /// <c>printf 'TEXT\n' &gt; PATH</c>.
    /// </summary>
    private static List<ReadmeStep> ReadmeSteps(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(CliProcess.RepositoryRoot, "README.md"));
        var section = readme.IndexOf(heading, StringComparison.Ordinal);
        section.Should().BeGreaterThan(0, $"the README has the section '{heading}'");
        var start = readme.IndexOf("```bash\n", section, StringComparison.Ordinal) + "```bash\n".Length;
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)].Split('\n');
        var captures = block.Select(line => Capture().Match(line)).Where(m => m.Success).ToDictionary(m => m.Groups[3].Value, m => (m.Groups[1].Value, m.Groups[2].Value));
        var steps = new List<ReadmeStep>();
        foreach (var line in block)
        {
            if (line.Contains(Cli, StringComparison.Ordinal))
            {
                var command = line[(line.IndexOf(Cli, StringComparison.Ordinal) + Cli.Length)..];
                var tee = TeeTarget().Match(command);
                steps.Add(new ReadmeStep(ShellWords(command.Split(" | ")[0]), null,
                    tee.Success && captures.TryGetValue(tee.Groups[1].Value, out var capture) ? capture : null));
            }
            else if (Printf().Match(line) is { Success: true } printf)
            {
                steps.Add(new ReadmeStep(null, new ReadmeFile(printf.Groups[2].Value, printf.Groups[1].Value + "\n"), null));
            }
        }

        return steps;
    }

    /// <summary>Splits a command line as the shell would for the simple quoting the README uses.</summary>
    private static string[] ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var (quoted, inWord) = (false, false);
        foreach (var c in line.Trim())
        {
            if (c == '"')
            {
                quoted = !quoted;
                inWord = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    [GeneratedRegex(@"\| tee (\S+)")]
    private static partial Regex TeeTarget();

    [GeneratedRegex(@"^(\w+)=\$\(awk '/\^(\w+) /\{print \$2\}' (\S+)\)$")]
    private static partial Regex Capture();

    [GeneratedRegex(@"^printf '([^'%\\]*)\\n' > (\S+)$")]
    private static partial Regex Printf();
}
