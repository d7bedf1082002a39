using System.Diagnostics;

namespace AzBillingInsights.Emulator;

/// <summary>Stops the emulator when the process that started it is gone, so no emulator outlives its test run.</summary>
internal static class ParentProcessWatcher
{
    public static void StopWhenExited(int processId, IHostApplicationLifetime lifetime)
    {
        Process parent;
        try
        {
            parent = Process.GetProcessById(processId);
        }
        catch (ArgumentException)
        {
            Console.Error.WriteLine($"Parent process {processId} is not running; stopping.");
            lifetime.StopApplication();
            return;
        }
        _ = Task.Run(async () =>
        {
            using (parent)
            {
                await parent.WaitForExitAsync(lifetime.ApplicationStopping);
            }
            lifetime.StopApplication();
        });
    }
}
