namespace AzBillingInsights.Emulator;

/// <summary>
/// Platform-independent hashing (SplitMix64 and FNV-1a) so one seed gives the same estate, meters and
/// quantities on every machine and in every process: nothing here may depend on string.GetHashCode.
/// </summary>
internal static class StableHash
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Combine(ulong a, ulong b) => Mix(a ^ Mix(b));

    public static ulong Combine(ulong a, ulong b, ulong c) => Combine(Combine(a, b), c);

    public static ulong Combine(ulong a, ulong b, ulong c, ulong d) => Combine(Combine(Combine(a, b), c), d);

    public static ulong OfText(string text)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in text)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        return Mix(h);
    }

    /// <summary>A double in [0, 1) from the top 53 bits.</summary>
    public static double Unit(ulong h) => (h >> 11) * (1.0 / 9007199254740992.0);

    public static int Below(ulong h, int count) => (int)(h % (ulong)count);

    /// <summary>A version-4-shaped GUID, so ids look like the real ones.</summary>
    public static Guid ToGuid(ulong h)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Mix(h));
        BitConverter.TryWriteBytes(bytes[8..], Mix(h ^ 0x5DEECE66DUL));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
