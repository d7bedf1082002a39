namespace AzBillingInsights.Engine.Reporting
{
    /// <summary>Short names for resource ids in tables and charts.</summary>
    public static class ResourceNames
    {
        /// <summary>The last segment of an ARM resource id ("vm-web-01"), the id itself when it has no slash, "(no resource)" when empty.</summary>
        public static string NameOf(string resourceId)
        {
            if (string.IsNullOrEmpty(resourceId))
            {
                return "(no resource)";
            }

            string trimmed = resourceId.TrimEnd('/');
            int slash = trimmed.LastIndexOf('/');
            return slash < 0 || slash == trimmed.Length - 1 ? trimmed : trimmed.Substring(slash + 1);
        }
    }
}
