using System;
using System.Collections.Generic;
using System.Linq;
using Spectre.Console.Cli;

namespace RecipeDsl.Host;

/// <summary>
/// The small registrar Spectre.Console.Cli needs: it hands registered services (the console, Spectre's own help
/// providers) to constructors, and lists of them where a constructor asks for IEnumerable&lt;T&gt;.
/// </summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, List<Func<object>>> _factories = new();

    public ITypeResolver Build() => new Resolver(_factories);

    public void Register(Type service, Type implementation) => Add(service, () => Resolver.Create(implementation, _factories));

    public void RegisterInstance(Type service, object implementation) => Add(service, () => implementation);

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var instance = new Lazy<object>(factory);
        Add(service, () => instance.Value);
    }

    private void Add(Type service, Func<object> factory)
    {
        if (!_factories.TryGetValue(service, out var list))
        {
            _factories[service] = list = new List<Func<object>>();
        }

        list.Add(factory);
    }

    private sealed class Resolver(Dictionary<Type, List<Func<object>>> factories) : ITypeResolver
    {
        public object? Resolve(Type? type) => type is null ? null : Resolve(type, factories);

        private static object? Resolve(Type type, Dictionary<Type, List<Func<object>>> factories)
        {
            if (factories.TryGetValue(type, out var registered))
            {
                return registered[^1]();
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                var element = type.GetGenericArguments()[0];
                var items = factories.TryGetValue(element, out var all) ? all.Select(factory => factory()).ToArray() : Array.Empty<object>();
                var array = Array.CreateInstance(element, items.Length);
                Array.Copy(items, array, items.Length);
                return array;
            }

            return type.IsAbstract || type.IsInterface ? null : Create(type, factories);
        }

        public static object Create(Type type, Dictionary<Type, List<Func<object>>> factories)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            var arguments = constructor.GetParameters().Select(parameter => Resolve(parameter.ParameterType, factories)).ToArray();
            return constructor.Invoke(arguments);
        }
    }
}
