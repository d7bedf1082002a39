using System.Collections.Generic;

namespace AzBillingInsights.Engine.Prices.RetailPrices
{
    /// <summary>
    /// Folds the tiers of a meter into one price. Real pages list the tiers of one price next to each other (not
    /// always in ascending order), and a run of tiers may continue on the next page, so the last price of a page is
    /// held back until the next page shows whether it goes on.
    /// </summary>
    internal sealed class RetailPriceFolder
    {
        private RetailPrice? _held;

        /// <summary>True while the last price of the previous page is held back.</summary>
        public bool IsHolding => _held is not null;

        /// <summary>The complete prices of a page: every price whose run of tiers has ended.</summary>
        public List<RetailPrice> Fold(IReadOnlyList<RetailPrice> items)
        {
            var complete = new List<RetailPrice>(items.Count);
            foreach (RetailPrice item in items)
            {
                if (_held is not null && _held.Identity.Equals(item.Identity))
                {
                    _held.AddTier(item.Tiers[0]);
                    continue;
                }

                if (_held is not null)
                {
                    complete.Add(_held);
                }

                _held = item;
            }

            return complete;
        }

        /// <summary>After the last page: the held price is complete.</summary>
        public List<RetailPrice> Finish()
        {
            var rest = new List<RetailPrice>(1);
            if (_held is not null)
            {
                rest.Add(_held);
                _held = null;
            }

            return rest;
        }
    }
}
