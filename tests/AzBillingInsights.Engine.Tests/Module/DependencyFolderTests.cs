using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace AzBillingInsights.Engine.Tests.Module
{
    public sealed class DependencyFolderTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "azbi-deps-" + Guid.NewGuid().ToString("N"));

        public DependencyFolderTests()
        {
            Touch("Portable.dll");
            Touch("Split.dll");
            Touch("runtimes/win/lib/netstandard2.0/Split.dll");
            Touch("runtimes/linux-x64/native/libduckdb.so");
            Touch("runtimes/linux-musl-x64/native/libmusl.so");
            Touch("runtimes/win-x64/native/duckdb.dll");
            Touch("runtimes/osx/native/libduckdb.dylib");
        }

        [Fact]
        public void A_platform_build_of_an_assembly_wins_over_the_portable_one_only_on_its_platform()
        {
            var windows = new DependencyFolder(_root, "win-x64", Architecture.X64, "win");
            var linux = new DependencyFolder(_root, "linux-x64", Architecture.X64, "linux");

            Assert.Equal(Path.Combine(_root, "runtimes/win/lib/netstandard2.0/Split.dll"), windows.FindAssembly("Split"));
            Assert.Equal(Path.Combine(_root, "Split.dll"), linux.FindAssembly("Split"));
            Assert.Equal(Path.Combine(_root, "Portable.dll"), windows.FindAssembly("Portable"));
            Assert.Null(linux.FindAssembly("Missing"));
        }

        [Fact]
        public void A_native_library_is_found_by_the_name_a_DllImport_gives_on_each_platform()
        {
            Assert.Equal(Path.Combine(_root, "runtimes/linux-x64/native/libduckdb.so"), new DependencyFolder(_root, "linux-x64", Architecture.X64, "linux").FindNativeLibrary("duckdb"));
            Assert.Equal(Path.Combine(_root, "runtimes/win-x64/native/duckdb.dll"), new DependencyFolder(_root, "win-x64", Architecture.X64, "win").FindNativeLibrary("duckdb"));
            Assert.Equal(Path.Combine(_root, "runtimes/osx/native/libduckdb.dylib"), new DependencyFolder(_root, "osx-arm64", Architecture.Arm64, "osx").FindNativeLibrary("duckdb"));
            Assert.Null(new DependencyFolder(_root, "linux-arm64", Architecture.Arm64, "linux").FindNativeLibrary("duckdb"));
        }

        [Fact]
        public void A_musl_linux_takes_its_own_build_first_and_the_plain_linux_one_after()
        {
            var musl = new DependencyFolder(_root, "linux-musl-x64", Architecture.X64, "linux");

            Assert.Equal(Path.Combine(_root, "runtimes/linux-musl-x64/native/libmusl.so"), musl.FindNativeLibrary("musl"));
            Assert.Equal(Path.Combine(_root, "runtimes/linux-x64/native/libduckdb.so"), musl.FindNativeLibrary("libduckdb.so"));
        }

        [Fact]
        public void The_shipped_assemblies_are_the_top_level_ones()
        {
            Assert.Equal(new[] { "Portable", "Split" }, new DependencyFolder(_root).AssemblyNames().OrderBy(n => n, StringComparer.Ordinal));
        }

        public void Dispose() => Directory.Delete(_root, recursive: true);

        private void Touch(string relativePath)
        {
            string path = Path.Combine(_root, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, Array.Empty<byte>());
        }
    }
}
