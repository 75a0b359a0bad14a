using System.CommandLine;
using System.Globalization;

namespace Beamchain.Bench;

/// <summary>An <c>--name N</c> option taking a whole number no smaller than a minimum, with a default.</summary>
public static class WholeNumberOption
{
    /// <summary>Help shows the default that <paramref name="defaultValue"/> gives.</summary>
    public static Option<int> Create(string name, string description, int minimum, Func<int> defaultValue)
    {
        var option = new Option<int>(name)
        {
            Description = $"{description}; at least {minimum}",
            DefaultValueFactory = _ => defaultValue(),
        };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, out var value) && value < minimum)
            {
                result.AddError($"{name} must be at least {minimum}, got {value}");
            }
        });
        return option;
    }

    public static Option<int> Create(string name, string description, int minimum, int defaultValue) =>
        Create(name, description, minimum, () => defaultValue);
}
