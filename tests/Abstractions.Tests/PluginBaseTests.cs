namespace AdvCam.Abstractions.Tests;

public class PluginBaseTests
{
    /// <summary>A plugin with one parameter of each kind; "radius" must be positive.</summary>
    private sealed class Blur() : PluginBase(
        "blur",
        "test plugin",
        new PluginParameter("radius", "kernel radius in pixels", "3", PluginValueKind.Integer),
        new PluginParameter("sigma", "Gaussian sigma in pixels", "1.5", PluginValueKind.Real),
        new PluginParameter("reflect", "reflect padding", "true", PluginValueKind.Boolean),
        new PluginParameter("mode", "kernel shape", "disk", PluginValueKind.Text))
    {
        public long Radius => GetInteger("radius");
        public double Sigma => GetReal("sigma");
        public bool Reflect => GetBoolean("reflect");
        public string Mode => GetText("mode");
        public double WrongKind => GetReal("radius");

        protected override void Validate()
        {
            if (Radius <= 0) throw InvalidValue("radius", "must be positive");
        }
    }

    [Test]
    public void Parameters_start_at_their_defaults()
    {
        var blur = new Blur();
        blur.Parameters.Select(p => p.Name).Should().Equal("radius", "sigma", "reflect", "mode");
        blur.Values.Should().Equal(new Dictionary<string, string> { ["radius"] = "3", ["sigma"] = "1.5", ["reflect"] = "true", ["mode"] = "disk" });
        (blur.Radius, blur.Sigma, blur.Reflect, blur.Mode).Should().Be((3L, 1.5, true, "disk"));
    }

    [Test]
    public void Configure_parses_invariant_values_ignoring_the_case_of_names_and_keeps_the_others()
    {
        var blur = new Blur();
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A culture with a decimal comma must not change how "2.25" reads.
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            blur.Configure(new Dictionary<string, string> { ["SIGMA"] = "2.25", ["reflect"] = "False", ["radius"] = " 7 " });
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
        (blur.Radius, blur.Sigma, blur.Reflect, blur.Mode).Should().Be((7L, 2.25, false, "disk"));
        blur.Values.Should().Equal(new Dictionary<string, string> { ["radius"] = "7", ["sigma"] = "2.25", ["reflect"] = "false", ["mode"] = "disk" });
    }

    [TestCase("radius", "2.5", "*plugin 'blur'*'2.5'*'radius'*whole number*")]
    [TestCase("sigma", "abc", "*'abc'*'sigma'*finite real number*")]
    [TestCase("sigma", "NaN", "*'NaN'*'sigma'*finite real number*")]
    [TestCase("reflect", "yes", "*'yes'*'reflect'*\"true\" or \"false\"*")]
    [TestCase("radius", "0", "*'0'*'radius'*must be positive*")]
    [TestCase("size", "3", "*plugin 'blur' has no parameter 'size'*its parameters are radius, sigma, reflect, mode*")]
    public void Refused_override_names_parameter_and_value_and_changes_nothing(string name, string value, string message)
    {
        var blur = new Blur();
        var configure = () => blur.Configure(new Dictionary<string, string> { ["mode"] = "box", [name] = value });

        configure.Should().Throw<ArgumentException>().WithMessage(message);
        (blur.Radius, blur.Sigma, blur.Reflect, blur.Mode).Should().Be((3L, 1.5, true, "disk"), "a refused override changes no value");
    }

    [Test]
    public void Reading_a_parameter_as_another_kind_is_an_error_naming_it()
    {
        var wrong = () => new Blur().WrongKind;
        wrong.Should().Throw<ArgumentException>().WithMessage("*'radius' is Integer, not Real*");
    }

    [Test]
    public void Duplicate_parameter_names_and_unusable_plugin_names_are_refused()
    {
        var twice = () => new Duplicated();
        twice.Should().Throw<ArgumentException>().WithMessage("*plugin 'dup' declares parameter 'K' twice*");
        var spaced = () => new Spaced();
        spaced.Should().Throw<ArgumentException>().WithMessage("*plugin name 'two words' is not usable*");
    }

    private sealed class Duplicated() : PluginBase(
        "dup", "", new PluginParameter("k", "", "1", PluginValueKind.Integer), new PluginParameter("K", "", "2", PluginValueKind.Integer));

    private sealed class Spaced() : PluginBase("two words", "");
}
