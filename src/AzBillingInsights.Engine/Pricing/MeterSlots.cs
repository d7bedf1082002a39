using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// The meters a rating pass has met, numbered in order of arrival: a row's meter id leads to its slot, and rows
    /// under different ids that map to one meter (what-if) share it. Also says which slots are coarse: usage of a
    /// linear meter costs the same whenever it happens within an output bucket, so its rows need not be kept apart
    /// by usage start.
    /// </summary>
    internal sealed class MeterSlots
    {
        private readonly Func<string, Meter?> _findMeter;
        private readonly bool _usageOrderMatters;
        private readonly Dictionary<string, int> _slotsById = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<Meter, int> _slotsByMeter = new Dictionary<Meter, int>();
        private readonly List<MeterSlot> _slots = new List<MeterSlot>();
        private bool[] _coarse = new bool[256];
        private string? _lastMeterId;
        private int _lastSlot;

        /// <param name="usageOrderMatters">With a credit or commitment, usage draws it down in time order across meters, so no slot is coarse.</param>
        public MeterSlots(Func<string, Meter?> findMeter, bool usageOrderMatters)
        {
            _findMeter = findMeter ?? throw new ArgumentNullException(nameof(findMeter));
            _usageOrderMatters = usageOrderMatters;
        }

        public int Count => _slots.Count;

        public MeterSlot this[int slot] => _slots[slot];

        public bool IsCoarse(int slot) => _coarse[slot];

        public int SlotOf(UsageRecord row)
        {
            string meterId = row.MeterId ?? string.Empty;
            if (ReferenceEquals(meterId, _lastMeterId))
            {
                return _lastSlot;
            }

            if (!_slotsById.TryGetValue(meterId, out int slot))
            {
                Meter? meter = _findMeter(meterId);
                if (meter is not null && meter.MeterRates.Count > 0)
                {
                    if (!_slotsByMeter.TryGetValue(meter, out slot))
                    {
                        var meterSlot = new MeterSlot(meter);
                        slot = Append(meterSlot, meterSlot.Pricer!.IsLinear && !_usageOrderMatters);
                        _slotsByMeter.Add(meter, slot);
                    }
                }
                else
                {
                    // A meter missing from the card, or one without rates, is unrated: never priced as zero.
                    slot = Append(new MeterSlot(row), coarse: true);
                }

                _slotsById.Add(meterId, slot);
            }

            _lastMeterId = meterId;
            _lastSlot = slot;
            return slot;
        }

        /// <summary>For each slot, its position in meter-id order: a tie-break that does not depend on arrival.</summary>
        public int[] Ranks()
        {
            var slots = new int[_slots.Count];
            for (int i = 0; i < slots.Length; i++)
            {
                slots[i] = i;
            }

            Array.Sort(slots, (a, b) => StringComparer.OrdinalIgnoreCase.Compare(_slots[a].MeterId, _slots[b].MeterId));
            var ranks = new int[slots.Length];
            for (int rank = 0; rank < slots.Length; rank++)
            {
                ranks[slots[rank]] = rank;
            }

            return ranks;
        }

        private int Append(MeterSlot meterSlot, bool coarse)
        {
            int slot = _slots.Count;
            _slots.Add(meterSlot);
            if (slot == _coarse.Length)
            {
                Array.Resize(ref _coarse, _coarse.Length * 2);
            }

            _coarse[slot] = coarse;
            return slot;
        }
    }
}
