using AdvCam.Plugins.Perturbations.Defenses;

namespace AdvCam.Plugins.Perturbations.Tests.Defenses;

/// <summary>
/// <see cref="CropSelection"/> against a hand-worked 4 x 4 example, against the managed reference of
/// <see cref="CropReference"/>, and for its two properties: under a one-pixel shift with new edge content the same
/// content is selected whenever the original's argmax stays inside the window and no new-edge candidate outscores it;
/// the cyclic variant selects the same content under every integer roll.
/// </summary>
public class CropSelectionTests
{
    /// <summary>Random images: 12 x 12 with margin 2, so 8 x 8 crops (Gaussian-weighted sums of random values: exact
    /// ties have probability zero, and near-ties that rounding could flip are vanishingly rare).</summary>
    private const long Size = 12;
    private const long Margin = 2;
    private const int Trials = 300;

    /// <summary>
    /// The hand-worked image (values k / 8, exact), margin 1, so 2 x 2 crops at offsets [0, 2]². With L = 2 the
    /// window's centre is 0.5 and σ = 0.5, so g = [exp(-0.25 / 0.5), exp(-0.5)] = [e^-0.5, e^-0.5] and every weight is
    /// w = e^-0.5 · e^-0.5 = e^-1: each score is the plain window sum times e^-1.
    /// <code>
    /// 1 0 0 0        window sums (x 1/8)   4 5 2
    /// 0 3 2 0                              4 6 2
    /// 0 1 0 0                              1 1 4
    /// 0 0 0 4
    /// </code>
    /// </summary>
    private static Tensor Worked() => torch.tensor(Eighths(1, 0, 0, 0, 0, 3, 2, 0, 0, 1, 0, 0, 0, 0, 0, 4), [1, 1, 4, 4]);

    /// <summary>
    /// The tie image: non-cyclic sums (x 1/8) are 4 1 0 / 2 3 1 / 1 1 4, a tie of 4 at (0, 0) and (2, 2) that goes to
    /// (0, 0) (the 2 x 2 window weights are all e^-1, so the tie stays exact); cyclically the wrapped window at (3, 3)
    /// holds 4 + 0 + 0 + 3 = 7 and wins.
    /// <code>
    /// 3 0 0 0
    /// 0 1 1 0
    /// 0 1 0 0
    /// 0 0 0 4
    /// </code>
    /// </summary>
    private static Tensor Tied() => torch.tensor(Eighths(3, 0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 4), [1, 1, 4, 4]);

    private static float[] Eighths(params int[] numerators) => numerators.Select(n => n / 8f).ToArray();

    [Test]
    public void Hand_worked_scores_argmax_and_crop()
    {
        using var scope = torch.NewDisposeScope();
        var scores = CropSelection.Scores(Worked(), 1, cyclic: false);
        scores.shape.Should().Equal(1, 3, 3);
        scores.ToArray<double>().Should().Equal(new[] { 4, 5, 2, 4, 6, 2, 1, 1, 4 }.Select(s => s / 8.0 * Math.Exp(-1)),
            (actual, expected) => Math.Abs(actual - expected) < 1e-12);
        CropSelection.Offsets(Worked(), 1, cyclic: false).Should().Equal((1L, 1L));
        var crop = CropSelection.Select(Worked(), 1, cyclic: false);
        crop.shape.Should().Equal(1, 1, 2, 2);
        crop.ToArray<float>().Should().Equal(Eighths(3, 2, 1, 0));
    }

    [Test]
    public void A_tie_goes_to_the_smallest_offset_and_the_cyclic_crop_wraps_around()
    {
        using var scope = torch.NewDisposeScope();
        CropSelection.Offsets(Tied(), 1, cyclic: false).Should().Equal((0L, 0L));
        CropSelection.Select(Tied(), 1, cyclic: false).ToArray<float>().Should().Equal(Eighths(3, 0, 0, 1));
        var cyclicScores = CropSelection.Scores(Tied(), 1, cyclic: true);
        cyclicScores.shape.Should().Equal(1, 4, 4);
        cyclicScores.ToArray<double>()[3 * 4 + 3].Should().BeApproximately(7 / 8.0 * Math.Exp(-1), 1e-12);
        CropSelection.Offsets(Tied(), 1, cyclic: true).Should().Equal((3L, 3L));
        CropSelection.Select(Tied(), 1, cyclic: true).ToArray<float>().Should().Equal(Eighths(4, 0, 0, 3));
    }

    /// <summary>
    /// One pixel of value 1 at (2, 2) of a 5 x 5 image, margin 1, so 3 x 3 crops at offsets [0, 2]². Every crop holds
    /// the pixel, so box means would tie at all nine offsets (and pick (0, 0)). With L = 3: centre 1, σ = 0.75,
    /// 2σ² = 1.125, g = [e^(-1/1.125), 1, e^(-1/1.125)] = [e^(-8/9), 1, e^(-8/9)]. The pixel sits at crop position
    /// (2 - dy, 2 - dx), so score(dy, dx) = g[2 - dy] · g[2 - dx]:
    /// <code>
    /// e^(-16/9) e^(-8/9) e^(-16/9)
    /// e^(-8/9)  1        e^(-8/9)
    /// e^(-16/9) e^(-8/9) e^(-16/9)
    /// </code>
    /// a unique maximum at (1, 1), the crop with the pixel at its centre, under every roll of the cyclic variant too.
    /// </summary>
    [Test]
    public void The_window_prefers_the_crop_with_the_item_at_its_centre()
    {
        using var scope = torch.NewDisposeScope();
        var pixels = new float[25];
        pixels[2 * 5 + 2] = 1;
        var image = torch.tensor(pixels, [1, 1, 5, 5]);
        double e = Math.Exp(-8.0 / 9), e2 = Math.Exp(-16.0 / 9);
        CropSelection.Scores(image, 1, cyclic: false).ToArray<double>().Should().Equal(
            new[] { e2, e, e2, e, 1, e, e2, e, e2 }, (actual, expected) => Math.Abs(actual - expected) < 1e-12);
        CropSelection.Offsets(image, 1, cyclic: false).Should().Equal((1L, 1L));
        var centred = CropSelection.Select(image, 1, cyclic: false);
        centred.ToArray<float>().Should().Equal(0, 0, 0, 0, 1, 0, 0, 0, 0);
        for (long dy = 0; dy < 5; dy++)
            for (long dx = 0; dx < 5; dx++)
                CropSelection.Select(image.roll([dy, dx], [2, 3]), 1, cyclic: true).equal(centred).Should().BeTrue($"roll ({dy}, {dx})");
    }

    [Test]
    public void The_window_sigma_is_a_fraction_of_the_crop_side()
    {
        // L = 3, centre 1: g = [exp(-1 / (2 (3 f)^2)), 1, ...]; f = 1/6 gives sigma 0.5 and exp(-2) at the ends.
        CropSelection.Window(1, 3, 1.0 / 6).Should().Equal(new[] { Math.Exp(-2), 1, Math.Exp(-2) },
            (actual, expected) => Math.Abs(actual - expected) < 1e-12);
        CropSelection.Window(3, 3).Should().Equal(CropSelection.Window(3, 3, CropSelection.DefaultWindowSigma));
        // A zero edge of 1 on a 3 x 5 window: the border weights are 0, the inner ones as without it.
        var plain = CropSelection.Window(3, 5);
        CropSelection.Window(3, 5, edge: 1).Should().Equal(0, 0, 0, 0, 0, 0, plain[6], plain[7], plain[8], 0, 0, 0, 0, 0, 0);
        using var scope = torch.NewDisposeScope();
        FluentActions.Invoking(() => CropSelection.Scores(torch.rand(1, 1, 6, 6), 1, false, windowSigma: 0))
            .Should().Throw<ArgumentException>().WithMessage("*sigma*positive*0*");
        FluentActions.Invoking(() => CropSelection.Scores(torch.rand(1, 1, 6, 6), 1, false, windowEdge: 2))
            .Should().Throw<ArgumentException>().WithMessage("*zero edge*4 x 4*2*");
    }

    [Test]
    public void A_box_window_ties_on_a_single_pixel_and_takes_the_lowest_offset()
    {
        // The same 5x5 image: every 3x3 crop at offsets [0, 2]^2 contains the pixel, so all nine box sums are 1 and the
        // tie goes to (0, 0); the Gaussian window (above) picks the centred crop (1, 1) instead.
        using var scope = torch.NewDisposeScope();
        var pixels = new float[25];
        pixels[2 * 5 + 2] = 1;
        var image = torch.tensor(pixels, [1, 1, 5, 5]);
        CropSelection.Scores(image, 1, cyclic: false, centreWeighted: false).ToArray<double>().Should().OnlyContain(v => v == 1);
        CropSelection.Offsets(image, 1, cyclic: false, centreWeighted: false).Should().Equal((0L, 0L));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Random_images_select_what_the_managed_reference_selects(bool cyclic)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(11);
        var images = torch.rand([6, 3, Size, Size + 2], generator);
        var values = images.ToArray<float>();
        var offsets = CropSelection.Offsets(images, Margin, cyclic);
        var crops = CropSelection.Select(images, Margin, cyclic);
        crops.shape.Should().Equal(6, 3, Size - 2 * Margin, Size + 2 - 2 * Margin);
        var cropValues = crops.ToArray<float>();
        var per = cropValues.Length / 6;
        for (var i = 0; i < 6; i++)
        {
            var expected = CropReference.Offset(values, images.shape, i, Margin, cyclic);
            offsets[i].Should().Be(expected, $"image {i}");
            cropValues.Skip(i * per).Take(per).Should().Equal(CropReference.Crop(values, images.shape, i, expected, Margin), $"image {i}");
        }
    }

    [Test]
    public void A_one_pixel_shift_selects_the_same_content_whenever_the_argmax_stays_inside_the_window()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(5);
        var window = 2 * Margin;
        int inside = 0, followed = 0, cases = 0, edgeDiffers = 0;
        for (var trial = 0; trial < Trials; trial++)
        {
            using var inner = torch.NewDisposeScope();
            // A larger source: the original is its centre, the shifted image the window one pixel away, so the
            // content moves by (sy, sx) and a new row/column of real content comes in at the edge.
            var source = torch.rand([1, 3, Size + 2, Size + 2], generator);
            var original = source.narrow(2, 1, Size).narrow(3, 1, Size);
            var a = CropSelection.Offsets(original, Margin, cyclic: false)[0];
            var originalCrop = CropSelection.Select(original, Margin, cyclic: false);
            for (long sy = -1; sy <= 1; sy++)
                for (long sx = -1; sx <= 1; sx++)
                {
                    if (sy == 0 && sx == 0) continue;
                    cases++;
                    var shifted = source.narrow(2, 1 - sy, Size).narrow(3, 1 - sx, Size);
                    var b = CropSelection.Offsets(shifted, Margin, cyclic: false)[0];
                    var same = CropSelection.Select(shifted, Margin, cyclic: false).equal(originalCrop);
                    var moved = (Dy: a.Dy + sy, Dx: a.Dx + sx);
                    if (!InWindow(moved, window))
                    {
                        if (!same) edgeDiffers++;
                        continue;
                    }
                    inside++;
                    if (b == moved)
                    {
                        followed++;
                        same.Should().BeTrue($"trial {trial}, shift ({sy}, {sx}): argmax {a} moved to {b}, so the crops hold the same content");
                    }
                    else
                    {
                        // The only way to lose the content: a candidate that holds new edge content (its offset, taken
                        // back to the original's coordinates, lies outside the window) outscores it.
                        InWindow((b.Dy - sy, b.Dx - sx), window).Should().BeFalse(
                            $"trial {trial}, shift ({sy}, {sx}): argmax {a} inside the window, yet the shifted image chose {b}, a crop of old content");
                        same.Should().BeFalse($"trial {trial}, shift ({sy}, {sx}): a crop with new content differs");
                    }
                }
        }
        TestContext.Out.WriteLine($"{cases} shifted images: original argmax inside the window after the shift in {inside}, " +
            $"same content selected in {followed} of those; argmax pushed out of the window in {cases - inside}, content changed in {edgeDiffers} of those");
        inside.Should().BeGreaterThan(cases / 2, "with margin 2 most argmaxes lie inside the 5 x 5 window");
        followed.Should().BeGreaterThan(inside / 2, "new edge content rarely outscores the old argmax");
        edgeDiffers.Should().BeGreaterThan(0, "an argmax pushed out of the window selects other content: the condition matters");
    }

    [Test]
    public void The_cyclic_variant_selects_the_same_content_under_every_integer_roll()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(17);
        var images = torch.rand([8, 3, Size, Size + 4], generator);
        var reference = CropSelection.Select(images, Margin, cyclic: true);
        var different = 0;
        for (long dy = 0; dy < Size; dy++)
            for (long dx = 0; dx < Size + 4; dx++)
            {
                using var inner = torch.NewDisposeScope();
                var rolled = images.roll([dy, dx], [2, 3]);
                CropSelection.Select(rolled, Margin, cyclic: true).equal(reference).Should().BeTrue($"roll ({dy}, {dx})");
                if (!CropSelection.Select(rolled, Margin, cyclic: false).equal(reference)) different++;
            }
        different.Should().BeGreaterThan(0, "the non-cyclic variant is not invariant to rolls: the check can fail");
    }

    [Test]
    public void Padded_selection_keeps_the_full_size_and_without_padding_is_the_plain_selection()
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(4);
        var images = torch.rand([3, 2, Size, Size + 2], generator);
        CropSelection.SelectPadded(images, Margin, CropPadding.None).equal(CropSelection.Select(images, Margin, cyclic: false))
            .Should().BeTrue();
        foreach (var padding in new[] { CropPadding.Zeros, CropPadding.Replicate })
        {
            var crops = CropSelection.SelectPadded(images, Margin, padding);
            crops.shape.Should().Equal(images.shape);
            var mode = padding == CropPadding.Zeros ? Torch.Nn.PaddingMode.Constant : Torch.Nn.PaddingMode.Replicate;
            var padded = Torch.Nn.F.pad(images, [Margin, Margin, Margin, Margin], mode);
            crops.equal(CropSelection.Select(padded, Margin, cyclic: false)).Should().BeTrue($"{padding}");
        }
        // A single bright pixel at the centre of a zero image: the centred offset (m, m) wins and the crop is the image.
        var pixel = torch.zeros(1, 1, 9, 9);
        pixel.narrow(2, 4, 1).narrow(3, 4, 1).fill_(1);
        CropSelection.SelectPadded(pixel, 2, CropPadding.Zeros).equal(pixel).Should().BeTrue();
    }

    [TestCase(1)]
    [TestCase(2)]
    public void Trimmed_selection_is_the_plain_selection_of_the_image_padded_by_the_margin_less_the_trim(long trim)
    {
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(6);
        var images = torch.rand([3, 2, Size, Size + 2], generator);
        foreach (var padding in new[] { CropPadding.Zeros, CropPadding.Replicate })
        {
            var crops = CropSelection.SelectPadded(images, Margin, padding, trim: trim);
            crops.shape.Should().Equal(3, 2, Size - 2 * trim, Size + 2 - 2 * trim);
            var mode = padding == CropPadding.Zeros ? Torch.Nn.PaddingMode.Constant : Torch.Nn.PaddingMode.Replicate;
            var width = Margin - trim;
            var padded = Torch.Nn.F.pad(images, [width, width, width, width], mode);
            crops.equal(CropSelection.Select(padded, Margin, cyclic: false)).Should().BeTrue($"{padding}");
        }
        CropSelection.SelectPadded(images, Margin, CropPadding.Zeros, trim: Margin)
            .equal(CropSelection.Select(images, Margin, cyclic: false)).Should().BeTrue("a trim of the whole margin pads nothing");
        FluentActions.Invoking(() => CropSelection.SelectPadded(images, Margin, CropPadding.Zeros, trim: Margin + 1))
            .Should().Throw<ArgumentException>().WithMessage($"*trim must be between 0 and the margin ({Margin}); got {Margin + 1}*");
    }

    [TestCase(0)]
    [TestCase(1)]
    public void Zero_padded_selection_undoes_one_pixel_shifts_of_an_item_on_a_zero_background(long trim)
    {
        // Items (random texture, random size and place) on an exactly-zero background that ends at least 2 pixels from
        // the edge: a one-pixel shift that exposes a replicated edge row or column of zeros is a pure translation of
        // the zero-padded image, so the score map moves with it and the same crop comes out, bit for bit, whenever the
        // original's best offset moved by the shift stays inside the window.
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(21);
        var window = 2 * Margin;
        int inside = 0, outside = 0;
        for (var trial = 0; trial < 60; trial++)
        {
            using var inner = torch.NewDisposeScope();
            var image = torch.zeros(1, 1, Size + 4, Size + 4);
            var draw = torch.randint(0, 4, [4], generator).ToArray<long>();
            image.narrow(2, 2 + draw[0], Size - draw[0] - draw[1]).narrow(3, 2 + draw[2], Size - draw[2] - draw[3])
                .copy_(torch.rand([1, 1, Size - draw[0] - draw[1], Size - draw[2] - draw[3]], generator));
            var width = Margin - trim;
            var a = CropSelection.Offsets(Torch.Nn.F.pad(image, [width, width, width, width]), Margin, cyclic: false)[0];
            var selected = CropSelection.SelectPadded(image, Margin, CropPadding.Zeros, trim: trim);
            for (long sy = -1; sy <= 1; sy++)
                for (long sx = -1; sx <= 1; sx++)
                {
                    if (sy == 0 && sx == 0) continue;
                    var shifted = image.roll([sy, sx], [2, 3]);
                    if (!InWindow((a.Dy + sy, a.Dx + sx), window))
                    {
                        outside++;
                        continue;
                    }
                    inside++;
                    CropSelection.SelectPadded(shifted, Margin, CropPadding.Zeros, trim: trim).equal(selected)
                        .Should().BeTrue($"trial {trial}, shift ({sy}, {sx}), best offset {a}");
                }
        }
        inside.Should().BeGreaterThan(outside, "most best offsets lie inside the window");
    }

    [Test]
    public void Bad_input_is_refused_with_a_message_naming_it()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.rand(2, 1, 6, 8);
        FluentActions.Invoking(() => CropSelection.Select(images, 3, false)).Should().Throw<ArgumentException>()
            .WithMessage("*margin of 3*[2, 1, 6, 8]*");
        FluentActions.Invoking(() => CropSelection.Select(images, -1, false)).Should().Throw<ArgumentException>()
            .WithMessage("*margin must be at least 0; got -1*");
        FluentActions.Invoking(() => CropSelection.Select(torch.rand(6, 8), 1, false)).Should().Throw<ArgumentException>()
            .WithMessage("*[N, C, H, W]*[6, 8]*");
        FluentActions.Invoking(() => CropSelection.Crop(images, [(0, 0), (3, 0)], 1, false)).Should().Throw<ArgumentException>()
            .WithMessage("*offset (3, 0) of image 1*");
        FluentActions.Invoking(() => CropSelection.Crop(images, [(0, 0)], 1, false)).Should().Throw<ArgumentException>()
            .WithMessage("*1 offsets given for 2 images*");
    }

    private static bool InWindow((long Dy, long Dx) offset, long window) =>
        offset.Dy >= 0 && offset.Dy <= window && offset.Dx >= 0 && offset.Dx <= window;
}
