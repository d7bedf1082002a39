using System;

namespace AzBillingInsights.Engine.Forecasting
{
    /// <summary>
    /// The forecasting model fitted at one origin day: an additive day-of-week profile, a robust level and a
    /// damped linear trend, all from the last <see cref="WindowDays"/> days up to the origin (never after it).
    /// <list type="bullet">
    /// <item>Profile: per weekday, the median over whole weeks of the day's ratio to its week's mean (with the
    /// week's own trend taken out), normalised to average one. Multiplicative because spend scales its weekly
    /// rhythm with its level: after a scale-up weekends are still 65% of weekdays, not 40 currency units
    /// below them. A window with a zero or negative day uses differences instead (additive).</item>
    /// <item>Trend: Theil-Sen (median of pairwise slopes) over the deseasonalised weekly means, taking pairs
    /// only from the same side of a level shift when one week-to-week change stands out from the others, so
    /// a shift is not read as a trend.</item>
    /// <item>Level: where the trend line through the weekly means since the last shift stands at the origin;
    /// when the median of the last seven days departs from it by more than three standard errors, that median
    /// (a shift too recent to show in whole weeks is then followed once it is four days old).</item>
    /// </list>
    /// </summary>
    internal sealed class SeasonalTrendFit : IDailyPredictor
    {
        public const int WindowDays = 56;
        public const int MinimumWeeks = 2;

        /// <summary>Daily damping of the trend: half of it is gone after about a month, so a month-end
        /// forecast follows a trend without extrapolating a noisy slope far beyond the data.</summary>
        public const double Damping = 0.98;

        private readonly double[] _profile;
        private readonly bool _multiplicative;

        private SeasonalTrendFit(int origin, double level, double slope, double[] profile, bool multiplicative)
        {
            _multiplicative = multiplicative;
            Origin = origin;
            Level = level;
            Slope = slope;
            _profile = profile;
        }

        public int Origin { get; }

        /// <summary>The deseasonalised value at the origin: the mean daily value.</summary>
        public double Level { get; }

        public double Slope { get; }

        /// <summary>The predicted value of day <paramref name="index"/> (after the origin, or a missing day before it).</summary>
        public double Predict(int index)
        {
            int ahead = index - Origin;
            double trend = ahead > 0 ? Slope * DampedSteps(ahead) : Slope * ahead;
            return Reseason(Level + trend, _profile[Mod7(index)], _multiplicative);
        }

        /// <summary>Fits at <paramref name="origin"/>; null when the window lacks <see cref="MinimumWeeks"/> complete weeks.</summary>
        public static SeasonalTrendFit? TryFit(double[] y, int origin, double[] scratch)
        {
            int weeks = Math.Min(WindowDays, origin + 1) / 7;
            if (weeks < MinimumWeeks)
            {
                return null;
            }

            // Week w covers [origin - 7w - 6, origin - 7w]; w = 0 is the latest.
            var rawMeans = new double[weeks];
            int completeWeeks = 0;
            for (int w = 0; w < weeks; w++)
            {
                rawMeans[w] = WeekMean(y, origin - (7 * w) - 6, null, false);
                if (!double.IsNaN(rawMeans[w]))
                {
                    completeWeeks++;
                }
            }

            if (completeWeeks < MinimumWeeks)
            {
                return null;
            }

            bool multiplicative = true;
            for (int day = origin - (7 * weeks) + 1; day <= origin && multiplicative; day++)
            {
                multiplicative = double.IsNaN(y[day]) || y[day] > 0;
            }

            // Complete weeks contain every weekday once, so their raw means are already deseasonalised.
            double provisionalSlope = MedianWeeklyChange(rawMeans, scratch) / 7d;
            if (double.IsNaN(provisionalSlope))
            {
                provisionalSlope = 0d;
            }

            var profile = new double[7];
            for (int position = 0; position < 7; position++)
            {
                int count = 0;
                for (int w = 0; w < weeks; w++)
                {
                    if (!double.IsNaN(rawMeans[w]))
                    {
                        int day = origin - (7 * w) - 6 + position;
                        double weekValue = rawMeans[w] + (provisionalSlope * (position - 3));
                        scratch[count++] = multiplicative ? y[day] / weekValue : y[day] - weekValue;
                    }
                }

                profile[Mod7(origin - 6 + position)] = RobustStatistics.Median(scratch, count);
            }

            double profileMean = (profile[0] + profile[1] + profile[2] + profile[3] + profile[4] + profile[5] + profile[6]) / 7d;
            for (int i = 0; i < 7; i++)
            {
                profile[i] = multiplicative ? profile[i] / profileMean : profile[i] - profileMean;
            }

            // Weeks with a few missing days still say where the level was once the profile is known.
            var seasonalMeans = new double[weeks];
            for (int w = 0; w < weeks; w++)
            {
                seasonalMeans[w] = WeekMean(y, origin - (7 * w) - 6, profile, multiplicative);
            }

            double slope = SegmentedTheilSen(seasonalMeans, scratch, out int shiftAfter) / 7d;
            if (double.IsNaN(slope))
            {
                slope = provisionalSlope;
            }

            // The trend line through the weeks since the last shift, at the origin (week w is centred 7w + 3 days before it).
            int lineCount = 0;
            int lastWeek = shiftAfter < 0 ? weeks - 1 : shiftAfter;
            for (int w = 0; w <= lastWeek; w++)
            {
                if (!double.IsNaN(seasonalMeans[w]))
                {
                    scratch[lineCount++] = seasonalMeans[w] + (slope * ((7 * w) + 3));
                }
            }

            double lineLevel = RobustStatistics.Median(scratch, lineCount);

            int levelCount = 0;
            double indexSum = 0;
            for (int day = origin; day > origin - 7; day--)
            {
                if (!double.IsNaN(y[day]))
                {
                    scratch[levelCount++] = Deseason(y[day], profile[Mod7(day)], multiplicative);
                    indexSum += day;
                }
            }

            if (levelCount < 3)
            {
                return null;
            }

            // The median sits at the middle of the days it came from; move it to the origin along the trend.
            double recentLevel = RobustStatistics.Median(scratch, levelCount) + (slope * (origin - (indexSum / levelCount)));

            int residualCount = 0;
            int start = origin - (7 * weeks) + 1;
            for (int day = start; day <= origin; day++)
            {
                if (!double.IsNaN(y[day]))
                {
                    double residual = Deseason(y[day], profile[Mod7(day)], multiplicative) - (lineLevel + (slope * (day - origin)));
                    scratch[residualCount++] = Math.Abs(residual);
                }
            }

            // The line uses every week and is steadier; the last week's median wins when it departs from the line
            // by more than three of its own standard errors (1.25·σ/√7): a level shift too recent for the weeks.
            double dailySpread = RobustStatistics.MadToSigma * RobustStatistics.Median(scratch, residualCount);
            double level = Math.Abs(recentLevel - lineLevel) > 3 * 1.2533 * dailySpread / Math.Sqrt(levelCount) ? recentLevel : lineLevel;

            return new SeasonalTrendFit(origin, level, slope, profile, multiplicative);
        }

        private static double DampedSteps(int ahead)
        {
            // Sum of Damping^i for i = 1..ahead.
            return Damping * (1d - Math.Pow(Damping, ahead)) / (1d - Damping);
        }

        private static int Mod7(int index) => ((index % 7) + 7) % 7;

        private static double Deseason(double value, double factor, bool multiplicative) => multiplicative ? value / factor : value - factor;

        private static double Reseason(double value, double factor, bool multiplicative) => multiplicative ? value * factor : value + factor;

        /// <summary>Mean of the deseasonalised days of the week starting at <paramref name="first"/>; raw mean
        /// (NaN unless all seven are present) without a profile, NaN with fewer than four days with one.</summary>
        private static double WeekMean(double[] y, int first, double[]? profile, bool multiplicative)
        {
            double sum = 0;
            int count = 0;
            for (int day = first; day < first + 7; day++)
            {
                if (!double.IsNaN(y[day]))
                {
                    sum += profile is null ? y[day] : Deseason(y[day], profile[Mod7(day)], multiplicative);
                    count++;
                }
            }

            int needed = profile is null ? 7 : 4;
            return count >= needed ? sum / count : double.NaN;
        }

        /// <summary>
        /// The weekly slope by Theil-Sen over <paramref name="weekMeans"/> (latest first; NaN for weeks without
        /// enough days). A week-to-week change more than five robust deviations from the typical change marks a
        /// level shift; pairs across it are left out.
        /// </summary>
        private static double SegmentedTheilSen(double[] weekMeans, double[] scratch, out int shiftAfter)
        {
            shiftAfter = -1;
            double typicalChange = MedianWeeklyChange(weekMeans, scratch);
            if (double.IsNaN(typicalChange))
            {
                return double.NaN;
            }

            int count = 0;
            double meanLevel = 0;
            int levels = 0;
            for (int w = 0; w < weekMeans.Length; w++)
            {
                if (!double.IsNaN(weekMeans[w]))
                {
                    meanLevel += Math.Abs(weekMeans[w]);
                    levels++;
                }

                if (w + 1 < weekMeans.Length && !double.IsNaN(weekMeans[w]) && !double.IsNaN(weekMeans[w + 1]))
                {
                    scratch[count++] = Math.Abs(weekMeans[w] - weekMeans[w + 1] - typicalChange);
                }
            }

            // A floor of 1% of the level keeps a perfectly regular series from seeing shifts in rounding noise.
            double spread = Math.Max(RobustStatistics.MadToSigma * RobustStatistics.Median(scratch, count), 0.01 * meanLevel / levels);
            double largest = 5 * spread;
            for (int w = 0; w + 1 < weekMeans.Length; w++)
            {
                double change = Math.Abs(weekMeans[w] - weekMeans[w + 1] - typicalChange);
                if (change > largest)
                {
                    largest = change;
                    shiftAfter = w;
                }
            }

            int pairs = 0;
            for (int i = 0; i < weekMeans.Length; i++)
            {
                for (int j = i + 1; j < weekMeans.Length; j++)
                {
                    bool sameSide = shiftAfter < 0 || (i <= shiftAfter) == (j <= shiftAfter);
                    if (sameSide && !double.IsNaN(weekMeans[i]) && !double.IsNaN(weekMeans[j]))
                    {
                        scratch[pairs++] = (weekMeans[i] - weekMeans[j]) / (j - i);
                    }
                }
            }

            return pairs == 0 ? 0d : RobustStatistics.Median(scratch, pairs);
        }

        /// <summary>Median of the changes between consecutive weeks (latest first in <paramref name="weekMeans"/>); NaN without any.</summary>
        private static double MedianWeeklyChange(double[] weekMeans, double[] scratch)
        {
            int count = 0;
            for (int w = 0; w + 1 < weekMeans.Length; w++)
            {
                if (!double.IsNaN(weekMeans[w]) && !double.IsNaN(weekMeans[w + 1]))
                {
                    scratch[count++] = weekMeans[w] - weekMeans[w + 1];
                }
            }

            return count == 0 ? double.NaN : RobustStatistics.Median(scratch, count);
        }
    }
}
