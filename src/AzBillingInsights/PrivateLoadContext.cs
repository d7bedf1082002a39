using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AzBillingInsights
{
    /// <summary>
    /// The module's own load context. It takes a dependency from <c>dependencies/</c> unless the runtime
    /// already provides that assembly in a version at least as new: framework assemblies (System.Text.Json,
    /// System.Memory, ...) must stay the runtime's, or Span and friends would exist twice.
    /// </summary>
    internal sealed class PrivateLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;
        private readonly Dictionary<string, string> _platformAssemblyPaths;

        internal PrivateLoadContext(string folder)
        {
            _folder = folder;
            _platformAssemblyPaths = ListPlatformAssemblies();
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string? name = assemblyName.Name;
            if (name is null)
            {
                return null;
            }

            string path = Path.Combine(_folder, name + ".dll");
            return !PlatformIsNewEnough(assemblyName) && File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private bool PlatformIsNewEnough(AssemblyName wanted)
        {
            if (!_platformAssemblyPaths.TryGetValue(wanted.Name!, out string? platformPath))
            {
                return false;
            }

            Version? platform = AssemblyName.GetAssemblyName(platformPath).Version;
            return wanted.Version is null || (platform is not null && platform >= wanted.Version);
        }

        // The runtime's trusted platform assemblies by simple name; versions are read only when asked for.
        private static Dictionary<string, string> ListPlatformAssemblies()
        {
            var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (string path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                paths[Path.GetFileNameWithoutExtension(path)] = path;
            }

            return paths;
        }
    }
}
