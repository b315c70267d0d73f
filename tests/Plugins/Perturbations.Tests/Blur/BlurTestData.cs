using AdvCam.Plugins.Perturbations.Blur;

namespace AdvCam.Plugins.Perturbations.Tests.Blur;

/// <summary>Helpers for the blur tests: kernels as arrays, test images, a high-frequency energy, the plugins.</summary>
internal static class BlurTestData
{
    /// <summary>The four blur plugins' names, as fixture sources.</summary>
    public static readonly string[] Names = ["defocus-blur", "gaussian-blur", "motion-blur", "camera-shake"];

    /// <summary>The plugin of that name with its defaults.</summary>
    public static BlurPerturbation Create(string name) => name switch
    {
        "defocus-blur" => new DefocusBlurPerturbation(),
        "gaussian-blur" => new GaussianBlurPerturbation(),
        "motion-blur" => new MotionBlurPerturbation(),
        "camera-shake" => new CameraShakePerturbation(),
        _ => throw new ArgumentException($"no blur plugin '{name}'", nameof(name)),
    };

    /// <summary>A [k, k] kernel tensor as an array [row, column], after checking it is float32, square and odd.</summary>
    public static float[,] ToGrid(Tensor kernel)
    {
        kernel.dtype.Should().Be(ScalarType.Float32);
        kernel.dim().Should().Be(2);
        var k = (int)kernel.size(0);
        kernel.size(1).Should().Be(k);
        (k % 2).Should().Be(1, "kernels have odd sides");
        var flat = kernel.ToArray<float>();
        var grid = new float[k, k];
        for (var r = 0; r < k; r++)
            for (var c = 0; c < k; c++)
                grid[r, c] = flat[r * k + c];
        return grid;
    }

    /// <summary>The sum of a grid, in double.</summary>
    public static double Sum(float[,] grid)
    {
        double total = 0;
        foreach (var v in grid) total += v;
        return total;
    }

    /// <summary>The number of non-zero entries.</summary>
    public static int NonZero(float[,] grid)
    {
        var count = 0;
        foreach (var v in grid) if (v != 0) count++;
        return count;
    }

    /// <summary>A 28 x 28 Fashion-MNIST-like test image [N, 1, 28, 28]: a bright garment-like block with seeded
    /// per-pixel texture on a dark background, different per image.</summary>
    public static Tensor Garments(int count, int size = 28)
    {
        var values = new float[count * size * size];
        var state = 12345UL;
        for (var n = 0; n < count; n++)
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                {
                    state = state * 6364136223846793005UL + 1442695040888963407UL;
                    var noise = (state >> 40) / (double)(1UL << 24);
                    var inside = y > size / 6 + n && y < size - size / 8 && x > size / 4 && x < size - size / 4 - n;
                    values[(n * size + y) * size + x] = (float)(inside ? 0.5 + 0.5 * noise : 0.2 * noise);
                }
        return torch.tensor(values, [count, 1, size, size]);
    }

    /// <summary>High-frequency energy: the mean squared difference between horizontally and vertically adjacent
    /// pixels.</summary>
    public static double Energy(Tensor images)
    {
        long h = images.size(2), w = images.size(3);
        var dx = images.narrow(3, 1, w - 1).sub(images.narrow(3, 0, w - 1));
        var dy = images.narrow(2, 1, h - 1).sub(images.narrow(2, 0, h - 1));
        return dx.square().mean().ToDouble() + dy.square().mean().ToDouble();
    }
}
