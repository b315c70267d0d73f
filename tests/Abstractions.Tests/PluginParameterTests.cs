namespace AdvCam.Abstractions.Tests;

public class PluginParameterTests
{
    [TestCase(PluginValueKind.Integer, "+42", "42")]
    [TestCase(PluginValueKind.Integer, "-7", "-7")]
    [TestCase(PluginValueKind.Real, "1e-3", "0.001")]
    [TestCase(PluginValueKind.Real, "0.1", "0.1")]
    [TestCase(PluginValueKind.Boolean, "TRUE", "true")]
    [TestCase(PluginValueKind.Text, " as is ", " as is ")]
    public void Default_is_kept_in_its_canonical_invariant_form(PluginValueKind kind, string given, string canonical)
    {
        new PluginParameter("p", "d", given, kind).DefaultValue.Should().Be(canonical);
    }

    [Test]
    public void Default_that_does_not_parse_as_its_kind_is_refused_naming_the_parameter()
    {
        var bad = () => new PluginParameter("radius", "d", "three", PluginValueKind.Integer);
        bad.Should().Throw<ArgumentException>().WithMessage("*parameter 'radius': default value 'three' is not a whole number*");
    }

    [TestCase("")]
    [TestCase("two words")]
    [TestCase("a=b")]
    public void Unusable_names_are_refused(string name)
    {
        var bad = () => new PluginParameter(name, "d", "1", PluginValueKind.Integer);
        bad.Should().Throw<ArgumentException>().WithMessage($"*parameter name '{name}' is not usable*");
    }

    [Test]
    public void Unknown_kind_is_refused()
    {
        var bad = () => new PluginParameter("p", "d", "1", (PluginValueKind)99);
        bad.Should().Throw<ArgumentException>().WithMessage("*value kind 99*");
    }
}
