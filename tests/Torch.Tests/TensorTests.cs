namespace AdvCam.Torch.Tests;

public class TensorTests
{
    [Test]
    public void Add_of_two_tensors_matches_hand_computed_values()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var b = torch.tensor(new float[] { 10, 20, 30, 40 }, new long[] { 2, 2 });
        var c = a + b * 2;
        c.shape.Should().Equal(2, 2);
        c.dtype.Should().Be(ScalarType.Float32);
        c.ToArray<float>().Should().Equal(21, 42, 63, 84);
    }
}
