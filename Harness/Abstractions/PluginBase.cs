using System.Globalization;

namespace AdvCam.Abstractions;

/// <summary>
/// A base for plugins that implements <see cref="IPlugin"/>'s parameter handling: it keeps the value in force for every
/// declared parameter, parses and checks overrides against each parameter's kind, and hands typed values to the
/// derived class (<see cref="GetInteger"/>, <see cref="GetReal"/>, <see cref="GetBoolean"/>, <see cref="GetText"/>).
/// </summary>
/// <remarks>
/// Range checks that the kind alone cannot express (a radius must be positive) go in <see cref="Validate"/>, which sees
/// the candidate values before they take effect.
/// </remarks>
public abstract class PluginBase : IPlugin
{
    private readonly Dictionary<string, PluginParameter> parameters;
    private Dictionary<string, string> values;

    /// <summary>Declares the plugin's name, description and parameters; every parameter starts at its default.</summary>
    /// <param name="name">The name users select the plugin by: not empty, no white space.</param>
    /// <param name="description">What the plugin does.</param>
    /// <param name="parameters">The parameters, with distinct names (compared ignoring case).</param>
    /// <exception cref="ArgumentException">The name is not usable, or two parameters share a name.</exception>
    protected PluginBase(string name, string description, params PluginParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(parameters);
        if (name.Length == 0 || name.Any(char.IsWhiteSpace))
            throw new ArgumentException($"plugin name '{name}' is not usable: it must be non-empty, without white space", nameof(name));
        Name = name;
        Description = description;
        this.parameters = new Dictionary<string, PluginParameter>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
            if (!this.parameters.TryAdd(parameter.Name, parameter))
                throw new ArgumentException($"plugin '{name}' declares parameter '{parameter.Name}' twice", nameof(parameters));
        }
        Parameters = parameters.ToArray();
        values = Parameters.ToDictionary(p => p.Name, p => p.DefaultValue, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public IReadOnlyList<PluginParameter> Parameters { get; }

    /// <inheritdoc/>
    public IReadOnlyDictionary<string, string> Values => Parameters.ToDictionary(p => p.Name, p => values[p.Name]);

    /// <inheritdoc/>
    public void Configure(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var candidate = new Dictionary<string, string>(this.values, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, text) in values)
        {
            if (!parameters.TryGetValue(key, out var parameter))
            {
                var known = Parameters.Count == 0 ? "it takes none" : "its parameters are " + string.Join(", ", Parameters.Select(p => p.Name));
                throw new ArgumentException($"plugin '{Name}' has no parameter '{key}' (value '{text}'); {known}", nameof(values));
            }
            if (text is null)
                throw new ArgumentException($"plugin '{Name}': parameter '{parameter.Name}' was given no value", nameof(values));
            if (!PluginValues.TryNormalize(parameter.Kind, text, out var normalized, out var problem))
                throw new ArgumentException($"plugin '{Name}': value '{text}' of parameter '{parameter.Name}' {problem}", nameof(values));
            candidate[parameter.Name] = normalized;
        }
        var previous = this.values;
        this.values = candidate;
        try
        {
            Validate();
        }
        catch
        {
            this.values = previous;
            throw;
        }
    }

    /// <summary>
    /// Checks the values now in force beyond their kind (ranges, combinations), reading them with the typed getters;
    /// throws <see cref="ArgumentException"/> naming the parameter and value to refuse them, and
    /// <see cref="Configure"/> then restores the previous values. The base accepts everything.
    /// </summary>
    protected virtual void Validate()
    {
    }

    /// <summary>Builds the <see cref="ArgumentException"/> that refuses the value in force of <paramref name="parameter"/>.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <param name="requirement">What the value must be, e.g. "must be positive".</param>
    /// <returns>The exception, naming the plugin, the parameter and its value.</returns>
    protected ArgumentException InvalidValue(string parameter, string requirement) =>
        new($"plugin '{Name}': value '{GetText(parameter)}' of parameter '{Declared(parameter).Name}' {requirement}");

    /// <summary>The value in force of an <see cref="PluginValueKind.Integer"/> parameter.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <exception cref="ArgumentException">No such parameter, or it is of another kind.</exception>
    protected long GetInteger(string parameter) =>
        long.Parse(Typed(parameter, PluginValueKind.Integer), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>The value in force of a <see cref="PluginValueKind.Real"/> parameter.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <exception cref="ArgumentException">No such parameter, or it is of another kind.</exception>
    protected double GetReal(string parameter) =>
        double.Parse(Typed(parameter, PluginValueKind.Real), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The value in force of a <see cref="PluginValueKind.Boolean"/> parameter.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <exception cref="ArgumentException">No such parameter, or it is of another kind.</exception>
    protected bool GetBoolean(string parameter) => Typed(parameter, PluginValueKind.Boolean) == "true";

    /// <summary>The value in force of any parameter, as its canonical invariant-culture string.</summary>
    /// <param name="parameter">The parameter's name.</param>
    /// <exception cref="ArgumentException">No such parameter.</exception>
    protected string GetText(string parameter) => values[Declared(parameter).Name];

    private string Typed(string parameter, PluginValueKind kind)
    {
        var declared = Declared(parameter);
        if (declared.Kind != kind)
            throw new ArgumentException($"plugin '{Name}': parameter '{declared.Name}' is {declared.Kind}, not {kind}", nameof(parameter));
        return values[declared.Name];
    }

    private PluginParameter Declared(string parameter) =>
        parameters.TryGetValue(parameter, out var declared)
            ? declared
            : throw new ArgumentException($"plugin '{Name}' declares no parameter '{parameter}'", nameof(parameter));
}
