using System.Text.Json;

namespace AdvCam.Core.Running;

/// <summary>
/// What the strict JSON file parsers (suite files, threshold files) share: reading an object with known keys and no key
/// twice, and reading a string; anything else is refused by the parser's own exception (<see cref="Bad"/>) naming the
/// JSON path of the entry.
/// </summary>
internal abstract class StrictJsonReader
{
    /// <summary>The parser's exception for the entry at <paramref name="path"/>.</summary>
    /// <param name="path">The JSON path of the bad entry.</param>
    /// <param name="problem">What is wrong with it.</param>
    protected abstract JsonFileException Bad(string path, string problem);

    /// <summary>The JSON path of the entry <paramref name="key"/> of an object whose keys are free (not from a list of known
    /// keys): <c>path.key</c> unless the parser names such keys otherwise.</summary>
    /// <param name="path">The object's path.</param>
    /// <param name="key">The key.</param>
    protected virtual string FreeKeyPath(string path, string key) => path + "." + key;

    /// <summary>The properties of an object, refusing repeats and (when <paramref name="known"/> is given) unknown keys.</summary>
    /// <param name="value">The value that must be an object.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="known">The keys it may have, or null for any.</param>
    protected List<(string Key, JsonElement Value)> Object(JsonElement value, string path, string[]? known)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad(path, $"expected an object, got {JsonValueText.Describe(value)}");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<(string, JsonElement)>();
        foreach (var property in value.EnumerateObject())
        {
            var at = known is null ? FreeKeyPath(path, property.Name) : path + "." + property.Name;
            if (known is not null && !known.Contains(property.Name, StringComparer.Ordinal))
                throw Bad(at, $"unknown key '{property.Name}' (known here: {string.Join(", ", known)})");
            if (!seen.Add(property.Name)) throw Bad(at, $"'{property.Name}' is given twice");
            result.Add((property.Name, property.Value));
        }
        return result;
    }

    /// <summary>A string, refusing other kinds and (unless <paramref name="allowEmpty"/>) a blank one.</summary>
    /// <param name="value">The value that must be a string.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="allowEmpty">Whether an empty or blank string is accepted.</param>
    protected string Text(JsonElement value, string path, bool allowEmpty = false)
    {
        if (value.ValueKind != JsonValueKind.String) throw Bad(path, $"expected a string, got {JsonValueText.Describe(value)}");
        var text = value.GetString()!;
        if (!allowEmpty && string.IsNullOrWhiteSpace(text)) throw Bad(path, "is empty");
        return text;
    }
}
