using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AzBillingInsights.Engine.Json
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

        [MethodImpl(JitHints.HotPath)]
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

        // FNV-1a over eight bytes at a time: instanceData keys run to several hundred bytes and are hashed for
        // every row. Each step rotates, so every byte reaches the low bits that pick the bucket.
        [MethodImpl(JitHints.HotPath)]
        private static uint Hash(ReadOnlySpan<byte> utf8)
        {
            const ulong Prime = 1099511628211;
            ulong hash = 14695981039346656037 ^ (ulong)utf8.Length;
            ReadOnlySpan<ulong> words = MemoryMarshal.Cast<byte, ulong>(utf8);
            foreach (ulong word in words)
            {
                hash = RotateLeft((hash ^ word) * Prime, 29);
            }

            foreach (byte b in utf8.Slice(words.Length * sizeof(ulong)))
            {
                hash = (hash ^ b) * Prime;
            }

            return (uint)(hash ^ (hash >> 32));
        }

        private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));

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
