namespace AdvCam.Core.Data;

/// <summary>
/// One Fashion-MNIST item pasted into a FashionScenes image: which item, how large, where, in which colour.
/// Objects are listed bottom to top (later ones are pasted over earlier ones).
/// </summary>
/// <param name="Label">The item's class, 0..9 (its pixels in the ground truth are <c>Label + 1</c>).</param>
/// <param name="Item">The item's index in the source split.</param>
/// <param name="Size">Side S of the resized item, 28..44 px.</param>
/// <param name="Top">Row of the item's top-left pixel, 0..64-S.</param>
/// <param name="Left">Column of the item's top-left pixel, 0..64-S.</param>
/// <param name="Red">Red component of the item's colour, in [0, 1).</param>
/// <param name="Green">Green component of the item's colour, in [0, 1).</param>
/// <param name="Blue">Blue component of the item's colour, in [0, 1).</param>
public sealed record FashionSceneObject(int Label, int Item, int Size, int Top, int Left, float Red, float Green, float Blue);
