using System.IO;

namespace RecipeDsl.Training;

/// <summary>
/// State a technique carries from epoch to epoch (random generators, a schedule's position, the best weights so far)
/// that a checkpoint keeps beside the model and optimizer, so that a resumed run continues exactly.
/// </summary>
public interface ICheckpointPart
{
    /// <summary>What the part is, written before its state: a checkpoint of other techniques is refused by name.</summary>
    string CheckpointName { get; }

    void Save(BinaryWriter writer);

    void Restore(BinaryReader reader);
}
