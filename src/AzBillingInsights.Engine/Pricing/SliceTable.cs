using System;
using System.Collections.Generic;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>The slices of a rating pass: usage summed per <see cref="SliceKey"/>, in order of first arrival.</summary>
    internal sealed class SliceTable
    {
        private readonly Dictionary<SliceKey, int> _index = new Dictionary<SliceKey, int>();
        private Slice[] _slices = new Slice[1024];
        private int _count;

        public int Count => _count;

        public ref Slice this[int index] => ref _slices[index];

        /// <summary>Adds a row's quantity and usage span to the slice of <paramref name="key"/>.</summary>
        public void Add(in SliceKey key, decimal quantity, long start, long end)
        {
            if (!_index.TryGetValue(key, out int index))
            {
                index = _count++;
                if (index == _slices.Length)
                {
                    Array.Resize(ref _slices, _slices.Length * 2);
                }

                _slices[index].Key = key;
                _slices[index].FirstStart = long.MaxValue;
                _slices[index].End = long.MinValue;
                _index.Add(key, index);
            }

            ref Slice slice = ref _slices[index];
            // On the internal scale, sums of quantities are exact and so independent of row order.
            slice.Quantity += Amounts.Normalize(quantity);
            slice.Rows++;
            if (start < slice.FirstStart)
            {
                slice.FirstStart = start;
            }

            if (end > slice.End)
            {
                slice.End = end;
            }
        }
    }
}
