using System;
using System.Runtime.CompilerServices;

namespace AzBillingInsights.Engine.Usage
{
    /// <summary>
    /// Values made once per distinct UTF-8 text. A month of usage repeats a few hundred meter names, regions and
    /// resources across hundreds of thousands of rows: looking them up by their bytes avoids building the same
    /// strings (and parsing the same instanceData) again for every row, and rows then share one instance.
    /// Bounded: once full it starts afresh, so a huge estate costs time, never unbounded memory.
    /// </summary>
    internal sealed class Utf8ValueCache<T>
        where T : class
    {
        internal delegate T Factory(ReadOnlySpan<byte> utf8);

        private readonly int _capacity;
        private Entry?[] _buckets;
        private int _count;

        internal Utf8ValueCache(int capacity)
        {
            _capacity = capacity;
            _buckets = new Entry?[BucketCount(capacity)];
        }

        [MethodImpl(UsagePageParser.HotPath)]
        internal T GetOrAdd(ReadOnlySpan<byte> utf8, Factory create)
        {
            uint hash = Hash(utf8);
            ref Entry? bucket = ref _buckets[hash & (uint)(_buckets.Length - 1)];
            for (Entry? entry = bucket; entry is not null; entry = entry.Next)
            {
                if (entry.Hash == hash && utf8.SequenceEqual(entry.Key))
                {
                    return entry.Value;
                }
            }

            T value = create(utf8);
            if (_count == _capacity)
            {
                _buckets = new Entry?[_buckets.Length];
                _count = 0;
                bucket = ref _buckets[hash & (uint)(_buckets.Length - 1)];
            }

            bucket = new Entry(hash, utf8.ToArray(), value, bucket);
            _count++;
            return value;
        }

        // FNV-1a: cheap, and these keys are short or few.
        [MethodImpl(UsagePageParser.HotPath)]
        private static uint Hash(ReadOnlySpan<byte> utf8)
        {
            uint hash = 2166136261;
            foreach (byte b in utf8)
            {
                hash = (hash ^ b) * 16777619;
            }

            return hash;
        }

        private static int BucketCount(int capacity)
        {
            int count = 16;
            while (count < capacity)
            {
                count <<= 1;
            }

            return count;
        }

        private sealed class Entry
        {
            internal Entry(uint hash, byte[] key, T value, Entry? next)
            {
                Hash = hash;
                Key = key;
                Value = value;
                Next = next;
            }

            internal uint Hash { get; }
            internal byte[] Key { get; }
            internal T Value { get; }
            internal Entry? Next { get; }
        }
    }
}
