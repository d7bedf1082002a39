using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace AzBillingInsights.Engine.Tests.Surface
{
    /// <summary>
    /// The engine's API is BCL types and its own: the cmdlet assembly binds to it across the load-context boundary,
    /// where an Azure SDK type would be a second copy of Azure.Core (docs/design.md, "Assembly isolation").
    /// </summary>
    public sealed class PublicSurfaceTests
    {
        private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        [Fact]
        public void No_exported_type_or_member_of_the_engine_mentions_an_Azure_SDK_type()
        {
            var offenders = new List<string>();
            foreach (Type type in typeof(BillingSession).Assembly.GetExportedTypes())
            {
                IEnumerable<Type> inherited = new[] { type.BaseType }.Concat(type.GetInterfaces()).OfType<Type>();
                offenders.AddRange(inherited.Where(MentionsAzure).Select(t => $"{type.FullName} derives from {t.FullName}"));
                foreach (MemberInfo member in type.GetMembers(Declared).Where(IsVisible))
                {
                    offenders.AddRange(SignatureOf(member).Where(MentionsAzure).Select(t => $"{type.FullName}.{member.Name} uses {t.FullName}"));
                }
            }

            Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
        }

        private static bool IsVisible(MemberInfo member) => member switch
        {
            MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
            FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
            PropertyInfo p => p.GetAccessors(nonPublic: true).Any(IsVisible),
            EventInfo e => e.AddMethod is MethodInfo add && IsVisible(add),
            _ => false,
        };

        private static IEnumerable<Type> SignatureOf(MemberInfo member) => member switch
        {
            MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
            ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
            FieldInfo f => new[] { f.FieldType },
            PropertyInfo p => p.GetIndexParameters().Select(i => i.ParameterType).Append(p.PropertyType),
            EventInfo e => new[] { e.EventHandlerType! },
            _ => Array.Empty<Type>(),
        };

        private static bool MentionsAzure(Type type)
        {
            if (type.HasElementType)
            {
                return MentionsAzure(type.GetElementType()!);
            }

            bool isAzure = type.Namespace is string ns && (ns == "Azure" || ns.StartsWith("Azure.", StringComparison.Ordinal));
            return isAzure || (type.IsGenericType && !type.IsGenericTypeDefinition && type.GetGenericArguments().Any(MentionsAzure));
        }
    }
}
