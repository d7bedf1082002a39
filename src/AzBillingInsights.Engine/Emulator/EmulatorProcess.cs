using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AzBillingInsights.Engine.Emulator
{
    /// <summary>What a started emulator prints on its ready line: where it listens and what it serves.</summary>
    public sealed class EmulatorEndpoints
    {
        public Uri Endpoint { get; internal set; } = null!;
        public Uri IdentityEndpoint { get; internal set; } = null!;
        public string IdentityHeader { get; internal set; } = string.Empty;
        public IReadOnlyList<string> SubscriptionIds { get; internal set; } = Array.Empty<string>();
        public int ProcessId { get; internal set; }
    }

    /// <summary>
    /// Starts the emulator (a framework-dependent net10.0 program staged in the module) as a child process tied
    /// to this one (it exits with us), and waits for its one machine-readable ready line.
    /// </summary>
    public static class EmulatorProcess
    {
        public const string ReadyPrefix = "AZBILLING_EMULATOR_READY ";
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

        // Only emulators this process started may be stopped: a mistyped process id must not kill anything else.
        private static readonly HashSet<int> Started = new HashSet<int>();

        public static async Task<EmulatorEndpoints> StartAsync(string emulatorDll, IEnumerable<string> arguments, CancellationToken cancellationToken)
        {
            if (!File.Exists(emulatorDll))
            {
                throw new FileNotFoundException($"The emulator is not staged with the module: '{emulatorDll}' is missing. Rebuild the module with build.ps1.", emulatorDll);
            }

            var start = new ProcessStartInfo(DotnetHost())
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                CreateNoWindow = true,
            };
            start.ArgumentList.Add(emulatorDll);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add("--parent-pid");
            start.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            var process = Process.Start(start) ?? throw new InvalidOperationException("The emulator process did not start.");
            var errors = new StderrTail(process);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            Task abandoned = Task.Delay(Timeout.Infinite, timeout.Token);
            try
            {
                while (true)
                {
                    Task<string?> reading = process.StandardOutput.ReadLineAsync();
                    if (await Task.WhenAny(reading, abandoned).ConfigureAwait(false) == abandoned)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        throw new TimeoutException($"The emulator did not report ready within {StartTimeout.TotalSeconds:N0} s. {errors}");
                    }

                    string? line = await reading.ConfigureAwait(false);
                    if (line is null)
                    {
                        throw new InvalidOperationException($"The emulator exited before it was ready (exit code {ExitCode(process)}). {errors}");
                    }

                    if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                    {
                        EmulatorEndpoints endpoints = ParseReadyLine(line.Substring(ReadyPrefix.Length));
                        endpoints.ProcessId = process.Id;
                        lock (Started)
                        {
                            Started.Add(process.Id);
                        }

                        DrainOutput(process);
                        return endpoints;
                    }
                }
            }
            catch
            {
                Kill(process.Id);
                throw;
            }
        }

        /// <exception cref="ArgumentException">The process is not an emulator this process started.</exception>
        public static void Stop(int processId)
        {
            lock (Started)
            {
                if (!Started.Remove(processId))
                {
                    throw new ArgumentException($"Process {processId} is not an emulator started by Start-AzBillingEmulator in this session; it was left alone.", nameof(processId));
                }
            }

            Kill(processId);
        }

        internal static EmulatorEndpoints ParseReadyLine(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            JsonElement root = document.RootElement;
            var subscriptions = new List<string>();
            foreach (JsonElement id in root.GetProperty("subscriptionIds").EnumerateArray())
            {
                subscriptions.Add(id.GetString()!);
            }

            return new EmulatorEndpoints
            {
                Endpoint = new Uri(root.GetProperty("endpoint").GetString()!),
                IdentityEndpoint = new Uri(root.GetProperty("identityEndpoint").GetString()!),
                IdentityHeader = root.GetProperty("identityHeader").GetString()!,
                SubscriptionIds = subscriptions,
            };
        }

        /// <summary>The dotnet host that runs this PowerShell, else the one on PATH.</summary>
        private static string DotnetHost()
        {
            string executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
            string? fromHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromHost) && File.Exists(fromHost))
            {
                return fromHost!;
            }

            // <root>/shared/Microsoft.NETCore.App/<version>/ -> <root>/dotnet
            string runtime = RuntimeEnvironment.GetRuntimeDirectory();
            string candidate = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", executable));
            return File.Exists(candidate) ? candidate : executable;
        }

        private static void DrainOutput(Process process)
        {
            // Keep reading so the child never blocks on a full pipe (asynchronously, as the ready line was read).
            _ = process.StandardOutput.ReadToEndAsync();
        }

        private static string ExitCode(Process process) => process.WaitForExit(1000) ? process.ExitCode.ToString() : "unknown";

        private static void Kill(int processId)
        {
            try
            {
                using Process process = Process.GetProcessById(processId);
                process.Kill();
                process.WaitForExit(5000);
            }
            catch (ArgumentException)
            {
                // Already gone: stopping a stopped emulator is not an error.
            }
            catch (InvalidOperationException)
            {
                // Exited between the lookup and the kill.
            }
        }

        /// <summary>The last lines the emulator wrote to stderr, for an error message when it fails to start.</summary>
        private sealed class StderrTail
        {
            private readonly Queue<string> _lines = new Queue<string>();

            internal StderrTail(Process process)
            {
                process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data is null)
                    {
                        return;
                    }

                    lock (_lines)
                    {
                        _lines.Enqueue(e.Data);
                        if (_lines.Count > 20)
                        {
                            _lines.Dequeue();
                        }
                    }
                };
                process.BeginErrorReadLine();
            }

            public override string ToString()
            {
                lock (_lines)
                {
                    return _lines.Count == 0 ? string.Empty : "Its last output: " + string.Join(Environment.NewLine, _lines);
                }
            }
        }
    }
}
