using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace AzBillingInsights
{
    /// <summary>
    /// Loads the engine and its third-party assemblies from <c>dependencies/</c> into a private
    /// AssemblyLoadContext, so that the module works beside Az.Accounts, Microsoft.Graph and others whatever
    /// versions of Azure.Core, MSAL or Microsoft.Extensions they have loaded. The handler answers only for
    /// assemblies this module ships.
    /// </summary>
    public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location)!, "dependencies");

        private static readonly HashSet<string> ShippedAssemblies = ListShippedAssemblies();

        // Created once per process: assemblies cannot be unloaded from it, and a second import after
        // Remove-Module must see the same types as the first.
        private static readonly Lazy<PrivateLoadContext> LoadContext =
            new Lazy<PrivateLoadContext>(() => new PrivateLoadContext(DependencyFolder));

        public void OnImport() => AppDomain.CurrentDomain.AssemblyResolve += ResolveShippedAssembly;

        public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveShippedAssembly;

        private static Assembly? ResolveShippedAssembly(object? sender, ResolveEventArgs args)
        {
            string? name = new AssemblyName(args.Name).Name;
            return name is not null && ShippedAssemblies.Contains(name)
                ? LoadContext.Value.LoadFromAssemblyPath(Path.Combine(DependencyFolder, name + ".dll"))
                : null;
        }

        private static HashSet<string> ListShippedAssemblies()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (Directory.Exists(DependencyFolder))
            {
                foreach (string path in Directory.EnumerateFiles(DependencyFolder, "*.dll"))
                {
                    names.Add(Path.GetFileNameWithoutExtension(path));
                }
            }

            return names;
        }
    }
}
