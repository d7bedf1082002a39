using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>The grouping of a rating pass: the dimensions asked for, and the key values of a group and time bucket in their order.</summary>
    internal sealed class GroupKeys
    {
        private readonly GroupDimension[] _groupBy;
        private readonly GroupKeyInterner _groups;

        public GroupKeys(GroupDimension[] groupBy, GroupKeyInterner groups)
        {
            _groupBy = groupBy;
            _groups = groups;
        }

        public IReadOnlyList<GroupDimension> GroupBy => _groupBy;

        public string[] KeysOf(int group, long bucketTicks)
        {
            string[] values = _groups.ValuesOf(group);
            var keys = new string[_groupBy.Length];
            int next = 0;
            var bucket = new DateTime(bucketTicks, DateTimeKind.Utc);
            for (int i = 0; i < _groupBy.Length; i++)
            {
                switch (_groupBy[i].Kind)
                {
                    case GroupDimensionKind.Hour:
                        keys[i] = bucket.ToString("yyyy-MM-dd'T'HH':00Z'", System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case GroupDimensionKind.Day:
                        keys[i] = bucket.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case GroupDimensionKind.Month:
                        keys[i] = bucket.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    default:
                        keys[i] = values[next++];
                        break;
                }
            }

            return keys;
        }
    }
}
