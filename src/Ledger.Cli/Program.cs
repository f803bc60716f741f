using Ledger.Cli;

using var audit = Ledger.Application.Audit.AuditContext.Begin(Ledger.Application.Audit.AuditActor.Cli(Environment.UserName));
return await CliApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
