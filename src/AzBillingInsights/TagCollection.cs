using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace AzBillingInsights
{
    /// <summary>
    /// Resource tags (or additionalInfo) as a case-insensitive Hashtable, so <c>$row.Tags.CostCenter</c> works.
    /// Its text form is compact JSON, which is what Export-Csv writes: unambiguous whatever the values hold
    /// (';', '=', quotes) and read back with <c>ConvertFrom-Json</c>. An empty set writes an empty cell.
    /// </summary>
    public sealed class TagCollection : Hashtable
    {
        internal TagCollection(IReadOnlyDictionary<string, string> entries)
            : base(entries.Count, StringComparer.OrdinalIgnoreCase)
        {
            foreach (KeyValuePair<string, string> entry in entries)
            {
                this[entry.Key] = entry.Value;
            }
        }

        public override string ToString()
        {
            if (Count == 0)
            {
                return string.Empty;
            }

            var json = new StringBuilder("{");
            foreach (string key in Keys.Cast<string>().OrderBy(k => k, StringComparer.OrdinalIgnoreCase))
            {
                json.Append(json.Length == 1 ? string.Empty : ",");
                AppendJsonString(json, key).Append(':');
                AppendJsonString(json, (string)this[key]!);
            }

            return json.Append('}').ToString();
        }

        private static StringBuilder AppendJsonString(StringBuilder json, string text)
        {
            json.Append('"');
            foreach (char c in text)
            {
                switch (c)
                {
                    case '"': json.Append("\\\""); break;
                    case '\\': json.Append("\\\\"); break;
                    case '\n': json.Append("\\n"); break;
                    case '\r': json.Append("\\r"); break;
                    case '\t': json.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            json.Append("\\u").Append(((int)c).ToString("x4"));
                        }
                        else
                        {
                            json.Append(c);
                        }

                        break;
                }
            }

            return json.Append('"');
        }
    }
}
