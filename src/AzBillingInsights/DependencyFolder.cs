using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace AzBillingInsights
{
    /// <summary>
    /// The files of <c>dependencies/</c>, laid out as <c>dotnet publish</c> writes them: portable assemblies at the
    /// top and, under <c>runtimes/RID/</c>, builds for one platform (<c>lib/TFM/</c> managed, <c>native/</c> native
    /// libraries). A platform's own build wins over the portable one, the most specific RID first
    /// (linux-x64, then linux, then unix).
    /// </summary>
    internal sealed class DependencyFolder
    {
        private readonly string[] _runtimeFolders;
        private readonly string _platform;

        internal DependencyFolder(string path)
            : this(path, RuntimeInformation.RuntimeIdentifier, RuntimeInformation.ProcessArchitecture, OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")
        {
        }

        internal DependencyFolder(string path, string runtimeIdentifier, Architecture architecture, string platform)
        {
            Path = path;
            _runtimeFolders = RuntimeIdentifiers(runtimeIdentifier, architecture, platform)
                .Select(rid => System.IO.Path.Combine(path, "runtimes", rid))
                .Where(Directory.Exists)
                .ToArray();
            _platform = platform;
        }

        internal string Path { get; }

        /// <summary>The simple names of the assemblies shipped here.</summary>
        internal IEnumerable<string> AssemblyNames() =>
            Directory.Exists(Path) ? Directory.EnumerateFiles(Path, "*.dll").Select(System.IO.Path.GetFileNameWithoutExtension).OfType<string>() : Enumerable.Empty<string>();

        /// <summary>This platform's build of assembly <paramref name="name"/>, else the portable one; null when neither is here.</summary>
        internal string? FindAssembly(string name)
        {
            string file = name + ".dll";
            foreach (string folder in _runtimeFolders)
            {
                string lib = System.IO.Path.Combine(folder, "lib");
                string? found = Directory.Exists(lib)
                    ? Directory.EnumerateDirectories(lib).Select(tfm => System.IO.Path.Combine(tfm, file)).FirstOrDefault(File.Exists)
                    : null;
                if (found is not null)
                {
                    return found;
                }
            }

            string portable = System.IO.Path.Combine(Path, file);
            return File.Exists(portable) ? portable : null;
        }

        /// <summary>The native library shipped for a DllImport of <paramref name="name"/> on this platform; null when there is none.</summary>
        internal string? FindNativeLibrary(string name)
        {
            foreach (string folder in _runtimeFolders)
            {
                string native = System.IO.Path.Combine(folder, "native");
                string? found = NativeFileNames(name).Select(file => System.IO.Path.Combine(native, file)).FirstOrDefault(File.Exists);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        /// <summary>The file names a DllImport of <paramref name="name"/> may mean on this platform, as the runtime's own probing tries them.</summary>
        private string[] NativeFileNames(string name) => _platform switch
        {
            "win" => new[] { name, name + ".dll" },
            "osx" => new[] { name, name + ".dylib", "lib" + name + ".dylib" },
            _ => new[] { name, name + ".so", "lib" + name + ".so" },
        };

        /// <summary>The RID and the families it falls back to, as NuGet's RID graph orders them for portable RIDs.</summary>
        private static IEnumerable<string> RuntimeIdentifiers(string runtimeIdentifier, Architecture architecture, string platform)
        {
            string arch = "-" + architecture.ToString().ToLowerInvariant();
            yield return runtimeIdentifier;
            string family = runtimeIdentifier.EndsWith(arch, StringComparison.Ordinal) ? runtimeIdentifier.Substring(0, runtimeIdentifier.Length - arch.Length) : runtimeIdentifier;
            if (family != platform)
            {
                // linux-musl-x64 falls back to linux-musl, then to linux-x64 and linux.
                yield return family;
                yield return platform + arch;
            }

            yield return platform;
            if (platform != "win")
            {
                yield return "unix";
            }
        }
    }
}
