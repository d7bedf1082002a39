using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// Turns a row's non-time group key values into one small integer, without building a key string per
    /// row: each value is interned per dimension (case-insensitively), and the tuple of value
    /// ids is interned by chaining (tuple so far, next value) through a dictionary of longs.
    /// </summary>
    internal sealed class GroupKeyInterner
    {
        private readonly GroupDimension[] _dimensions;
        private readonly StringInterner[] _values;
        private readonly Dictionary<long, int> _chain = new Dictionary<long, int>();
        private readonly List<int[]> _tuples = new List<int[]>();

        public GroupKeyInterner(GroupDimension[] dimensions)
        {
            _dimensions = dimensions;
            _values = new StringInterner[dimensions.Length];
            for (int i = 0; i < dimensions.Length; i++)
            {
                _values[i] = new StringInterner();
            }

            if (dimensions.Length == 0)
            {
                _tuples.Add(Array.Empty<int>());
            }
        }

        public int GroupOf(UsageRecord row)
        {
            if (_dimensions.Length == 0)
            {
                return 0;
            }

            int group = -1;
            for (int d = 0; d < _dimensions.Length; d++)
            {
                int value = _values[d].Intern(ValueOf(_dimensions[d], row));
                long link = ((long)(group + 1) << 32) | (uint)value;
                if (!_chain.TryGetValue(link, out int next))
                {
                    next = _tuples.Count;
                    int[] previous = group < 0 ? Array.Empty<int>() : _tuples[group];
                    var tuple = new int[previous.Length + 1];
                    Array.Copy(previous, tuple, previous.Length);
                    tuple[previous.Length] = value;
                    // Intermediate prefixes get ids too; only full-length tuples are used as groups.
                    _tuples.Add(tuple);
                    _chain.Add(link, next);
                }

                group = next;
            }

            return group;
        }

        /// <summary>The key values of a group, one per dimension, as first seen.</summary>
        public string[] ValuesOf(int group)
        {
            int[] tuple = _tuples[group];
            var values = new string[tuple.Length];
            for (int d = 0; d < tuple.Length; d++)
            {
                values[d] = _values[d].Text(tuple[d]);
            }

            return values;
        }

        /// <summary>
        /// For each group id, its position when groups are sorted by their key values: a tie-break between
        /// simultaneous usage that does not depend on the order rows arrived in.
        /// </summary>
        public int[] Ranks()
        {
            var valueRanks = new int[_values.Length][];
            for (int d = 0; d < _values.Length; d++)
            {
                valueRanks[d] = _values[d].Ranks();
            }

            var ids = new int[_tuples.Count];
            for (int i = 0; i < ids.Length; i++)
            {
                ids[i] = i;
            }

            Array.Sort(ids, (a, b) =>
            {
                int[] x = _tuples[a];
                int[] y = _tuples[b];
                for (int d = 0; d < Math.Min(x.Length, y.Length); d++)
                {
                    int c = valueRanks[d][x[d]].CompareTo(valueRanks[d][y[d]]);
                    if (c != 0)
                    {
                        return c;
                    }
                }

                return x.Length.CompareTo(y.Length);
            });
            var ranks = new int[ids.Length];
            for (int rank = 0; rank < ids.Length; rank++)
            {
                ranks[ids[rank]] = rank;
            }

            return ranks;
        }

        private static string ValueOf(GroupDimension dimension, UsageRecord row)
        {
            switch (dimension.Kind)
            {
                case GroupDimensionKind.SubscriptionId:
                    return row.SubscriptionId;
                case GroupDimensionKind.MeterCategory:
                    return row.MeterCategory;
                case GroupDimensionKind.MeterSubCategory:
                    return row.MeterSubCategory;
                case GroupDimensionKind.Meter:
                    return row.MeterId;
                case GroupDimensionKind.ResourceGroup:
                    return string.IsNullOrEmpty(row.ResourceGroup) ? GroupDimension.NoValue : row.ResourceGroup!;
                case GroupDimensionKind.Resource:
                    return row.ResourceUri ?? row.ResourceName ?? GroupDimension.NoValue;
                case GroupDimensionKind.Region:
                    return row.MeterRegion;
                case GroupDimensionKind.Location:
                    return string.IsNullOrEmpty(row.Location) ? GroupDimension.NoValue : row.Location!;
                case GroupDimensionKind.Tag:
                    return row.Tags.TryGetValue(dimension.TagName!, out string? tag) && tag is not null ? tag : GroupDimension.Untagged;
                default:
                    throw new InvalidOperationException($"{dimension.Kind} is a time bucket, not a row value.");
            }
        }
    }
}
