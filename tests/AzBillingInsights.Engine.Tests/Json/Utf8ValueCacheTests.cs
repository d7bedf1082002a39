using System.Text;
using AzBillingInsights.Engine.Json;

namespace AzBillingInsights.Engine.Tests.Json
{
    public sealed class Utf8ValueCacheTests
    {
        [Fact]
        public void Makes_each_distinct_text_once()
        {
            var cache = new Utf8ValueCache<string>(capacity: 8);
            int made = 0;
            Utf8ValueCache<string>.Factory create = utf8 => { made++; return Encoding.UTF8.GetString(utf8.ToArray()); };

            string a = cache.GetOrAdd(Encoding.UTF8.GetBytes("US East"), create);
            string b = cache.GetOrAdd(Encoding.UTF8.GetBytes("US East"), create);
            string c = cache.GetOrAdd(Encoding.UTF8.GetBytes("US West"), create);

            Assert.Same(a, b);
            Assert.Equal("US West", c);
            Assert.Equal(2, made);
        }

        [Fact]
        public void Stays_correct_when_full()
        {
            var cache = new Utf8ValueCache<string>(capacity: 4);
            Utf8ValueCache<string>.Factory create = utf8 => Encoding.UTF8.GetString(utf8.ToArray());
            for (int i = 0; i < 100; i++)
            {
                Assert.Equal("value-" + (i % 7), cache.GetOrAdd(Encoding.UTF8.GetBytes("value-" + (i % 7)), create));
            }
        }
    }
}
