using AzBillingInsights.Emulator;

EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EmulatorOptions.Usage);
    return 2;
}

await using WebApplication app = EmulatorHost.Build(options);
await app.StartAsync();
Console.Out.WriteLine(EmulatorHost.ReadyLine(app));
Console.Out.Flush();
if (options.ParentProcessId is int parent)
{
    ParentProcessWatcher.StopWhenExited(parent, app.Lifetime);
}
await app.WaitForShutdownAsync();
return 0;
