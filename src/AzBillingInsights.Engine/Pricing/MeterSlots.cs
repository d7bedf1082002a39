using System;
using System.Collections.Generic;
using AzBillingInsights.Engine.Prices;
using AzBillingInsights.Engine.Usage;

namespace AzBillingInsights.Engine.Pricing
{
    /// <summary>
    /// The meters a rating pass has met, numbered in order of arrival: a row's meter id (and unit) leads to its slot and
    /// to the factor that puts its quantity in the price's unit of measure, and rows under different ids that map to one
    /// meter (what-if) share it. Also says which slots are coarse: usage of a
    /// linear meter costs the same whenever it happens within an output bucket, so its rows need not be kept apart
    /// by usage start.
    /// </summary>
    internal sealed class MeterSlots
    {
        private readonly Func<string, Meter?> _findMeter;
        private readonly bool _usageOrderMatters;
        private readonly Dictionary<string, UnitSlot> _slotsById = new Dictionary<string, UnitSlot>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<(string MeterId, string Unit), UnitSlot> _slotsByIdAndUnit = new Dictionary<(string MeterId, string Unit), UnitSlot>(new IdAndUnitComparer());
        private readonly Dictionary<Meter, int> _slotsByMeter = new Dictionary<Meter, int>();
        private readonly List<MeterSlot> _slots = new List<MeterSlot>();
        private bool[] _coarse = new bool[256];
        private string? _lastMeterId;
        private string? _lastUnit;
        private UnitSlot _last;

        /// <param name="usageOrderMatters">With a credit or commitment, usage draws it down in time order across meters, so no slot is coarse.</param>
        public MeterSlots(Func<string, Meter?> findMeter, bool usageOrderMatters)
        {
            _findMeter = findMeter ?? throw new ArgumentNullException(nameof(findMeter));
            _usageOrderMatters = usageOrderMatters;
        }

        public int Count => _slots.Count;

        public MeterSlot this[int slot] => _slots[slot];

        public bool IsCoarse(int slot) => _coarse[slot];

        /// <summary>
        /// The slot of a row's meter, and <paramref name="factor"/>, what one unit of the row's quantity is in the price's
        /// unit of measure. Both are worked out once per meter id and usage unit. Usage whose unit cannot be converted
        /// gets an unrated slot of its own that names the price's unit.
        /// </summary>
        public int SlotOf(UsageRecord row, out decimal factor)
        {
            string meterId = row.MeterId ?? string.Empty;
            string unit = row.Unit ?? string.Empty;
            if (ReferenceEquals(meterId, _lastMeterId) && ReferenceEquals(unit, _lastUnit))
            {
                factor = _last.Factor;
                return _last.Slot;
            }

            if (!_slotsById.TryGetValue(meterId, out UnitSlot first))
            {
                first = NewSlot(meterId, unit, row);
                _slotsById.Add(meterId, first);
            }

            UnitSlot found = first;
            if (!string.Equals(unit, first.Unit, StringComparison.Ordinal))
            {
                // Rows of one meter almost always share a unit; another spelling or multiple gets its own entry.
                var key = (meterId, unit);
                if (!_slotsByIdAndUnit.TryGetValue(key, out found))
                {
                    found = NewSlot(meterId, unit, row);
                    _slotsByIdAndUnit.Add(key, found);
                }
            }

            _lastMeterId = meterId;
            _lastUnit = unit;
            _last = found;
            factor = found.Factor;
            return found.Slot;
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

        private UnitSlot NewSlot(string meterId, string unit, UsageRecord row)
        {
            Meter? meter = _findMeter(meterId);
            if (meter is null || meter.MeterRates.Count == 0)
            {
                // A meter missing from the card, or one without rates, is unrated: never priced as zero.
                return new UnitSlot(unit, Append(new MeterSlot(row, priceUnit: null), coarse: true), 1m);
            }

            decimal? factor = UsageUnits.FactorTo(meter, unit);
            if (factor is null)
            {
                // Usage in a unit the price does not count (hours against GB) is unrated too, and says why.
                return new UnitSlot(unit, Append(new MeterSlot(row, meter.Unit), coarse: true), 1m);
            }

            if (!_slotsByMeter.TryGetValue(meter, out int slot))
            {
                var meterSlot = new MeterSlot(meter);
                slot = Append(meterSlot, meterSlot.Pricer!.IsLinear && !_usageOrderMatters);
                _slotsByMeter.Add(meter, slot);
            }

            return new UnitSlot(unit, slot, factor.Value);
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
    

        /// <summary>Where rows of a meter id in one usage unit go, and the factor that puts their quantity in the price's unit.</summary>
        private readonly struct UnitSlot
        {
            public UnitSlot(string unit, int slot, decimal factor)
            {
                Unit = unit;
                Slot = slot;
                Factor = factor;
            }

            public string Unit { get; }
            public int Slot { get; }
            public decimal Factor { get; }
        }

        /// <summary>Meter ids compare as the card's look-up does (ignoring case); units exactly.</summary>
        private sealed class IdAndUnitComparer : IEqualityComparer<(string MeterId, string Unit)>
        {
            public bool Equals((string MeterId, string Unit) x, (string MeterId, string Unit) y) =>
                StringComparer.OrdinalIgnoreCase.Equals(x.MeterId, y.MeterId) && string.Equals(x.Unit, y.Unit, StringComparison.Ordinal);

            public int GetHashCode((string MeterId, string Unit) key) =>
                StringComparer.OrdinalIgnoreCase.GetHashCode(key.MeterId) ^ StringComparer.Ordinal.GetHashCode(key.Unit);
        }
    }
}
