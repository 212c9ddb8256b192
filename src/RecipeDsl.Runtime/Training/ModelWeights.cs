using System;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace RecipeDsl.Training;

/// <summary>
/// Saves and loads model weights in the format the file name says, so models travel between RecipeDsl and Python:
/// <c>.pt</c>, <c>.pth</c> or <c>.bin</c> is a PyTorch state_dict (<c>torch.load</c> reads it; TorchSharp.PyBridge),
/// <c>.safetensors</c> is safetensors, anything else TorchSharp's own format. The state_dict keys are the generated
/// model's field names (<c>hidden1.weight</c>, <c>output.bias</c>, …), so a PyTorch module with the same attribute
/// names loads them with <c>load_state_dict</c>.
/// </summary>
public static class ModelWeights
{
    public static void Save(nn.Module model, string path)
    {
        switch (Format(path))
        {
            case WeightFormat.PyTorch:
                // Each tensor saved with storage of its own: PyBridge writes a view's offset into a shared storage
                // (a model stepped by a flat-buffer optimizer has such views) but only the view's bytes.
                using (var scope = torch.NewDisposeScope())
                {
                    var own = model.state_dict().ToDictionary(entry => entry.Key, entry => entry.Value.detach().clone());
                    PyTorchPickler.PickleStateDict(path, own);
                }

                break;
            case WeightFormat.Safetensors:
                model.save_safetensors(path);
                break;
            default:
                model.save(path);
                break;
        }
    }

    /// <param name="recipe">The recipe whose model this is, for the message when the file does not fit it.</param>
    /// <exception cref="UnusableFileException">There is no file at <paramref name="path"/>, or it holds no weights of this model.</exception>
    public static void Load(nn.Module model, string path, string? recipe = null)
    {
        var whose = recipe is null ? $"a {model.GetName()}" : $"recipe {recipe}'s model";
        var remedy = $"Save them with: recipedsl train {recipe ?? "<recipe>"} --save-model {path}";
        if (!File.Exists(path))
        {
            throw new UnusableFileException(path, $"No model weights at '{path}'. {remedy}");
        }

        try
        {
            switch (Format(path))
            {
                case WeightFormat.PyTorch:
                    model.load_py(path);
                    break;
                case WeightFormat.Safetensors:
                    model.load_safetensors(path);
                    break;
                default:
                    model.load(path);
                    break;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // TorchSharp and PyBridge throw what they meet first (a wrong shape, a missing key, a truncated stream).
            throw new UnusableFileException(path, $"'{path}' does not hold weights of {whose} ({UnusableFileException.Reason(e)}). {remedy}", e);
        }
    }

    private enum WeightFormat { TorchSharp, PyTorch, Safetensors }

    private static WeightFormat Format(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".pt" or ".pth" or ".bin" => WeightFormat.PyTorch,
        ".safetensors" => WeightFormat.Safetensors,
        _ => WeightFormat.TorchSharp,
    };
}
