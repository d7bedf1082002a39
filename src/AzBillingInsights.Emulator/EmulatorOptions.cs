using System.Globalization;

namespace AzBillingInsights.Emulator;

/// <summary>Command-line options; every one has a default so <c>dotnet AzBillingInsights.Emulator.dll</c> just works.</summary>
internal sealed class EmulatorOptions
{
    public int Port { get; set; }
    public int Seed { get; set; } = 42;
    public int ResourceCount { get; set; } = 500;
    public int SubscriptionCount { get; set; } = 3;
    public string IdentityHeader { get; set; } = Guid.NewGuid().ToString("N");
    public int? ParentProcessId { get; set; }
    public List<string> Faults { get; } = [];
    public int ReadBudget { get; set; } = 12_000;

    /// <summary>Reads flowing back into the budget per second; by default the budget per hour.</summary>
    public double? ReadRefillPerSecond { get; set; }
    public int TokenLifetimeSeconds { get; set; } = 3600;
    public int DownloadUrlLifetimeSeconds { get; set; } = 3600;

    /// <summary>Cost Details reports accepted per scope: at most Count in any Seconds-long window (documented: 2/min, 10/h, 50/day).</summary>
    public IReadOnlyList<(int Count, int Seconds)> CostDetailsLimits { get; set; } = [(2, 60), (10, 3600), (50, 86400)];

    /// <summary>How long a Cost Details report takes to build (status answers 202 until then).</summary>
    public int CostDetailsBuildSeconds { get; set; } = 2;
    /// <summary>How invoice reads on a subscription that has not opted in are refused.</summary>
    public InvoiceRefusalShape InvoiceRefusal { get; set; } = InvoiceRefusalShape.Unauthorized;

    public const string Usage =
        "usage: AzBillingInsights.Emulator [--port 0] [--seed 42] [--resource-count 500] [--subscription-count 3]\n" +
        "       [--identity-header <secret>] [--parent-pid <pid>] [--fault <kind[:count]>]... [--read-budget 12000] [--read-refill-per-second <n>]\n" +
        "       [--token-lifetime-seconds 3600] [--download-url-lifetime-seconds 3600] [--invoice-refusal 401|403|InvoiceAccessNotEnabled]\n" +
        "       [--cost-details-limits 2/60,10/3600,50/86400] [--cost-details-build-seconds 2]";

    /// <exception cref="ArgumentException">An unknown option or a value out of range.</exception>
    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Number(int min, int max)
            {
                string text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
                    ? n
                    : throw new ArgumentException($"{name} must be an integer from {min} to {max}, got '{text}'.");
            }
            switch (name.ToLowerInvariant())
            {
                case "--port": options.Port = Number(0, 65535); break;
                case "--seed": options.Seed = Number(int.MinValue, int.MaxValue); break;
                case "--resource-count": options.ResourceCount = Number(1, 100_000); break;
                case "--subscription-count": options.SubscriptionCount = Number(1, 50); break;
                case "--identity-header": options.IdentityHeader = Value(); break;
                case "--parent-pid": options.ParentProcessId = Number(1, int.MaxValue); break;
                case "--fault":
                    string spec = Value();
                    _ = FaultSpec.ParseCommandLine(spec);
                    options.Faults.Add(spec);
                    break;
                case "--read-budget": options.ReadBudget = Number(1, int.MaxValue); break;
                case "--read-refill-per-second": options.ReadRefillPerSecond = Number(1, 1_000_000); break;
                case "--token-lifetime-seconds": options.TokenLifetimeSeconds = Number(1, 365 * 24 * 3600); break;
                case "--download-url-lifetime-seconds": options.DownloadUrlLifetimeSeconds = Number(1, 365 * 24 * 3600); break;
                case "--cost-details-limits": options.CostDetailsLimits = ParseLimits(name, Value()); break;
                case "--cost-details-build-seconds": options.CostDetailsBuildSeconds = Number(0, 3600); break;
                case "--invoice-refusal": options.InvoiceRefusal = ParseRefusal(Value()); break;
                default: throw new ArgumentException($"Unknown option '{name}'.");
            }
        }
        return options;
    }

    /// <summary>"count/seconds" windows, comma-separated, e.g. "2/60,10/3600,50/86400".</summary>
    private static List<(int, int)> ParseLimits(string name, string text)
    {
        var limits = new List<(int, int)>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pair = part.Split('/');
            if (pair.Length != 2 || !int.TryParse(pair[0], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1
                || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out int seconds) || seconds < 1)
            {
                throw new ArgumentException($"{name} takes count/seconds windows separated by commas (e.g. 2/60,10/3600,50/86400), got '{text}'.");
            }
            limits.Add((count, seconds));
        }
        return limits;
    }

    private static InvoiceRefusalShape ParseRefusal(string text) => text.ToLowerInvariant() switch
    {
        "401" => InvoiceRefusalShape.Unauthorized,
        "403" => InvoiceRefusalShape.Forbidden,
        "invoiceaccessnotenabled" => InvoiceRefusalShape.InvoiceAccessNotEnabled,
        _ => throw new ArgumentException($"--invoice-refusal must be 401, 403 or InvoiceAccessNotEnabled, got '{text}'."),
    };
}

/// <summary>The answer to an invoice read on a subscription that has not opted in to invoice access.</summary>
internal enum InvoiceRefusalShape
{
    /// <summary>401 with an empty body, the shape most reports show.</summary>
    Unauthorized,

    /// <summary>403 with ARM's AuthorizationFailed envelope naming Microsoft.Billing/invoices/read.</summary>
    Forbidden,

    /// <summary>403 with the code this emulator used to invent; kept for scripts written against it.</summary>
    InvoiceAccessNotEnabled,
}
