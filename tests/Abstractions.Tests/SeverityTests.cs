namespace AdvCam.Abstractions.Tests;

public class SeverityTests
{
    [Test]
    public void Named_values_are_kept_in_order_and_read_by_name()
    {
        var severity = new Severity(2, "strong", ("length", 9.0), ("angle", 45.0));

        severity.Level.Should().Be(2);
        severity.Label.Should().Be("strong");
        severity.Values.Select(v => v.Key).Should().Equal("length", "angle");
        severity["angle"].Should().Be(45.0);
        severity.ToString().Should().Be("2 strong (length=9, angle=45)");
    }

    [Test]
    public void Unknown_value_name_is_an_error_listing_the_names()
    {
        var severity = new Severity(1, "mild", ("sigma", 0.5));
        var read = () => severity["radius"];
        read.Should().Throw<ArgumentException>().WithMessage("*severity 'mild' has no value 'radius'; it has sigma*");
    }

    [Test]
    public void Equal_when_level_label_and_values_are_equal()
    {
        var a = new Severity(1, "mild", ("sigma", 0.5));
        a.Should().Be(new Severity(1, "mild", ("sigma", 0.5)));
        a.GetHashCode().Should().Be(new Severity(1, "mild", ("sigma", 0.5)).GetHashCode());
        a.Should().NotBe(new Severity(1, "mild", ("sigma", 0.75)));
        a.Should().NotBe(new Severity(2, "mild", ("sigma", 0.5)));
        a.Should().NotBe(new Severity(1, "mild", ("radius", 0.5)));
        a.Should().NotBe(new Severity(1, "mild"));
    }

    [Test]
    public void Invalid_definitions_are_refused_naming_the_problem()
    {
        var levelZero = () => new Severity(0, "x");
        levelZero.Should().Throw<ArgumentException>().WithMessage("*level 0 is below 1*");
        var noLabel = () => new Severity(1, " ");
        noLabel.Should().Throw<ArgumentException>().WithMessage("*severity 1 has an empty label*");
        var twice = () => new Severity(1, "x", ("a", 1.0), ("a", 2.0));
        twice.Should().Throw<ArgumentException>().WithMessage("*names value 'a' twice*");
        var infinite = () => new Severity(1, "x", ("a", double.PositiveInfinity));
        infinite.Should().Throw<ArgumentException>().WithMessage("*value 'a' is Infinity, not a finite number*");
    }
}
