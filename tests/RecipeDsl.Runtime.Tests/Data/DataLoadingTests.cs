using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RecipeDsl.Data;
using RecipeDsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace RecipeDsl.Runtime.Tests.Data;

/// <summary>Every format loads into the split the recipe describes, and every broken file gets one message naming it.</summary>
public sealed class DataLoadingTests : IDisposable
{
    private readonly DataFixtures _files = new();

    public void Dispose() => _files.Dispose();

    private static DataDescription Describe(DataSource source, string path, int[] shape, int classes) =>
        new("Fixture", source, path, shape, classes) { Normalization = InputNormalization.Dataset };

    private static UnusableFileException Refused(DataDescription description)
    {
        var error = Assert.Throws<UnusableFileException>(() => ClassificationData.Load(description, CPU).Dispose());
        Assert.DoesNotContain("\n", error.Message);
        return error;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_idx_folder_keeps_its_own_test_split(bool gzip)
    {
        var folder = _files.Idx("idx", train: 100, test: 40, gzip: gzip);

        using var data = ClassificationData.Load(Describe(DataSource.Idx, folder, new[] { 1, 12, 12 }, 4), CPU);

        Assert.Equal(90, data.TrainCount);
        Assert.Equal(10, data.ValidationInputs.shape[0]);
        Assert.Equal(new long[] { 40, 1, 12, 12 }, data.TestInputs.shape);
        Assert.Equal(ScalarType.Byte, data.TrainInputs.dtype);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)(i % 4)), data.TestLabels.data<long>().ToArray());
        Assert.Equal(4, data.Files.Count);
    }

    [Fact]
    public void Dataset_normalisation_centres_and_scales_the_training_split()
    {
        var folder = _files.Idx("idx", train: 200, test: 20);

        using var data = ClassificationData.Load(Describe(DataSource.Idx, folder, new[] { 1, 12, 12 }, 4), CPU);
        using var prepared = data.Prepare(data.TrainInputs);

        TorchAssert.Close(0.0, prepared.mean(), 1e-4);
        TorchAssert.Close(1.0, prepared.std(), 1e-2);
        Assert.InRange(data.MeanValues[0], 0.1, 0.9);
    }

    [Fact]
    public void A_missing_idx_file_a_wrong_magic_and_a_truncated_file_are_named()
    {
        var folder = _files.Idx("idx", train: 20, test: 8);
        var description = Describe(DataSource.Idx, folder, new[] { 1, 12, 12 }, 4);

        File.Delete(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        Assert.Contains("has no t10k-labels-idx1-ubyte file", Refused(description).Message);

        DataFixtures.WriteIdx(Path.Combine(folder, "t10k-labels-idx1-ubyte"), new[] { 8 }, new byte[8], type: 0x0D);
        Assert.Contains("holds IDX data of type 0x0D", Refused(description).Message);

        File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte"), new byte[] { 0x50, 0x4B, 3, 4, 0, 0 });
        Assert.Contains("is not an IDX file", Refused(description).Message);

        var truncated = Path.Combine(folder, "t10k-labels-idx1-ubyte");
        DataFixtures.WriteIdx(truncated, new[] { 8 }, new byte[5]);
        var error = Refused(description);
        Assert.Equal(truncated, error.Path);
        Assert.Contains("is truncated", error.Message);
    }

    [Fact]
    public void Data_of_another_shape_or_with_labels_beyond_the_classes_is_refused_showing_both()
    {
        var folder = _files.Idx("idx", train: 20, test: 8, classes: 4);

        var shape = Refused(Describe(DataSource.Idx, folder, new[] { 1, 28, 28 }, 4)).Message;
        Assert.Contains("[1, 12, 12]", shape);
        Assert.Contains("data.input_shape [1, 28, 28]", shape);

        var labels = Refused(Describe(DataSource.Idx, folder, new[] { 1, 12, 12 }, 3)).Message;
        Assert.Contains("label 3, outside the 3 classes", labels);
    }

    [Fact]
    public void Missing_fashion_mnist_files_say_how_to_get_them()
    {
        var error = Refused(Describe(DataSource.FashionMnist, _files.PathOf("nowhere"), new[] { 1, 28, 28 }, 10));

        Assert.Contains("apt-get install dataset-fashion-mnist", error.Message);
    }

    [Fact]
    public void An_image_folder_finds_its_classes_from_folder_names_in_sorted_order()
    {
        var folder = _files.Images("pets", new[] { "dog", "cat", "bird" }, perClass: 10);

        using var data = ClassificationData.Load(Describe(DataSource.ImageFolder, folder, new[] { 3, 8, 8 }, 3) with { TestSplit = 0.2 }, CPU);

        Assert.Equal(new[] { "bird", "cat", "dog" }, data.ClassNames);
        Assert.Equal(30, data.TrainCount + data.ValidationInputs.shape[0] + data.TestInputs.shape[0]);
        Assert.Equal(6, data.TestInputs.shape[0]);
        Assert.Equal(new long[] { 3, 8, 8 }, data.TrainInputs.shape.Skip(1).ToArray());
    }

    [Fact]
    public void An_image_folder_with_train_and_test_keeps_them_and_decodes_grayscale()
    {
        var folder = _files.Images("pets", new[] { "a", "b" }, perClass: 6, side: 8, split: true);

        using var data = ClassificationData.Load(Describe(DataSource.ImageFolder, folder, new[] { 1, 8, 8 }, 2), CPU);

        Assert.Equal(12, data.TestInputs.shape[0]);
        Assert.Equal(ScalarType.Byte, data.TrainInputs.dtype);
        Assert.Equal(1, data.TrainInputs.shape[1]);
    }

    [Fact]
    public void Image_folder_problems_name_the_folder_or_file()
    {
        var folder = _files.Images("pets", new[] { "cat", "dog" }, perClass: 3);
        var description = Describe(DataSource.ImageFolder, folder, new[] { 3, 8, 8 }, 2);

        Assert.Contains("has 2 classes (cat, dog), and recipe Fixture declares data.classes 3", Refused(description with { Classes = 3 }).Message);
        Assert.Contains("not one of data.class_names", Refused(description with { ClassNames = new[] { "cat", "cow" } }).Message);

        File.WriteAllText(Path.Combine(folder, "dog", "broken.png"), "not a png");
        var broken = Refused(description);
        Assert.EndsWith("broken.png", broken.Path);
        Assert.Contains("cannot be decoded", broken.Message);

        File.Delete(Path.Combine(folder, "dog", "broken.png"));
        Directory.CreateDirectory(Path.Combine(folder, "empty"));
        Assert.Contains("holds no images", Refused(description with { Classes = 3 }).Message);
    }

    [Fact]
    public void A_csv_table_maps_label_names_to_classes_in_sorted_order()
    {
        var path = _files.Blobs("blobs.csv", rows: 60);

        using var data = ClassificationData.Load(Describe(DataSource.Csv, path, new[] { 4 }, 3) with { LabelColumn = "species" }, CPU);

        Assert.Equal(new[] { "setosa", "versicolor", "virginica" }, data.ClassNames);
        Assert.Equal(ScalarType.Float32, data.TrainInputs.dtype);
        Assert.Equal(12, data.TestInputs.shape[0]);
        // The constant-ish fourth feature is standardised like the others, from the training split.
        using var prepared = data.Prepare(data.TrainInputs);
        TorchAssert.Close(0.0, prepared.mean(), 1e-4);
    }

    [Fact]
    public void Csv_class_names_from_the_recipe_set_the_order_and_integer_labels_are_indices()
    {
        var named = _files.Blobs("blobs.csv", rows: 30);
        using (var data = ClassificationData.Load(Describe(DataSource.Csv, named, new[] { 4 }, 3) with { LabelColumn = "species", ClassNames = new[] { "virginica", "setosa", "versicolor" } }, CPU))
        {
            Assert.Equal(new[] { "virginica", "setosa", "versicolor" }, data.ClassNames);
        }

        var numbered = _files.Text("numbered.csv", "x,label\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"{i}.5,{i % 3}\n")));
        using var indexed = ClassificationData.Load(Describe(DataSource.Csv, numbered, new[] { 1 }, 3), CPU);
        Assert.Equal(new[] { "0", "1", "2" }, indexed.ClassNames);
    }

    [Theory]
    [InlineData("x,y,label\n1,2,0\n3,4\n", "line 3: the row has 2 values and the header 3 columns")]
    [InlineData("x,y,label\n1,2,0\n3,abc,1\n", "line 3, column 2 'y': 'abc' is not a finite number")]
    [InlineData("x,y,label\n1,,0\n", "line 2, column 2 'y': the value is missing")]
    [InlineData("x,y,label\n1,NaN,0\n", "line 2, column 2 'y': 'NaN' is not a finite number")]
    [InlineData("x,y,label\n1,2,\n", "line 2, column 3 'label': the label is missing")]
    [InlineData("x,y,class\n1,2,0\n", "has no column 'label' (its columns: x, y, class); set data.label_column")]
    [InlineData("x,y,label\n1,2,7\n3,4,1\n5,6,0\n", "line 2, column 3 'label': label 7 is outside the recipe's 3 classes")]
    public void Broken_csv_rows_name_the_file_line_and_column(string content, string expected)
    {
        var path = _files.Text("broken.csv", content);

        var error = Refused(Describe(DataSource.Csv, path, new[] { 2 }, 3));

        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Quoted_csv_fields_as_r_and_excel_write_them_are_read()
    {
        var rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"\"{i}.5\",\"{(i % 2 == 0 ? "cat" : "dog")}\"\n"));
        var path = _files.Text("quoted.csv", "\"x\",\"species\"\n" + rows);

        using var data = ClassificationData.Load(Describe(DataSource.Csv, path, new[] { 1 }, 2) with { LabelColumn = "species", TestSplit = 0.3 }, CPU);

        Assert.Equal(new[] { "cat", "dog" }, data.ClassNames);
    }

    [Fact]
    public void Class_names_decide_what_numeric_labels_mean()
    {
        var path = _files.Text("grades.csv", "score,label\n" + string.Concat(Enumerable.Range(0, 12).Select(i => $"0.{i},{i % 3 + 1}\n")));
        var description = Describe(DataSource.Csv, path, new[] { 1 }, 3) with { ClassNames = new[] { "1", "2", "3" }, TestSplit = 0.3 };

        using var data = ClassificationData.Load(description, CPU);

        Assert.Equal(new[] { "1", "2", "3" }, data.ClassNames);
        Assert.True(data.TrainLabels.max().item<long>() <= 2);
    }

    [Fact]
    public void Evaluating_a_float_table_twice_gives_the_same_numbers_and_leaves_the_data_as_stored()
    {
        var path = _files.Blobs("blobs.csv", rows: 90);
        using var data = ClassificationData.Load(Describe(DataSource.Csv, path, new[] { 4 }, 3) with { LabelColumn = "species" }, CPU);
        using var stored = data.ValidationInputs.clone();
        using var model = nn.Linear(4, 3);

        var first = RecipeDsl.Training.Evaluation.Validation(model, data, 15);
        var second = RecipeDsl.Training.Evaluation.Validation(model, data, 15);

        Assert.Equal(first, second);
        Assert.True(stored.eq(data.ValidationInputs).all().item<bool>());
    }

    [Fact]
    public void Too_few_examples_for_every_part_of_the_split_is_one_message()
    {
        var path = _files.Text("tiny.csv", "x,label\n1,0\n2,1\n3,0\n4,1\n5,0\n");

        var error = Refused(Describe(DataSource.Csv, path, new[] { 1 }, 2));

        Assert.Contains("holds 5 examples", error.Message);
        Assert.Contains("leave its validation part empty", error.Message);
    }

    [Fact]
    public void A_data_path_for_the_embedded_digits_is_refused_rather_than_ignored()
    {
        var error = Assert.Throws<UnusableFileException>(() =>
            ClassificationData.Load(new DataDescription("Digits", DataSource.Mnist, null, new[] { 1, 28, 28 }, 10), CPU, new TrainingOptions { DataPath = "my.csv" }));

        Assert.Contains("trains on the embedded MNIST digits", error.Message);
    }

    [Fact]
    public void Idx_headers_that_claim_more_than_the_file_holds_or_an_array_takes_are_refused_before_allocating()
    {
        var folder = _files.Idx("idx", train: 20, test: 8);
        var description = Describe(DataSource.Idx, folder, new[] { 1, 12, 12 }, 4);
        var labels = Path.Combine(folder, "t10k-labels-idx1-ubyte");
        File.Delete(labels + ".gz");

        DataFixtures.WriteIdx(labels, new[] { 1_000_000_000 }, new byte[8]);
        Assert.Contains("its header declares 1,000,000,000 data bytes and it holds 8", Refused(description).Message);

        var images = Path.Combine(folder, "t10k-images-idx3-ubyte");
        File.Delete(images + ".gz");
        DataFixtures.WriteIdx(images, new[] { int.MaxValue, int.MaxValue, int.MaxValue }, new byte[8]);
        Assert.Contains("more bytes than one array holds", Refused(description).Message);
    }

    [Fact]
    public void Grayscale_is_pils_rounded_luma()
    {
        var path = _files.PathOf("green.png");
        var green = new byte[4 * 4];
        using (var bitmap = new SkiaSharp.SKBitmap(4, 4))
        {
            bitmap.Erase(new SkiaSharp.SKColor(0, 255, 0));
            using var image = SkiaSharp.SKImage.FromBitmap(bitmap);
            using var png = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, png.ToArray());
        }

        // PIL: Image.new("RGB", (1, 1), (0, 255, 0)).convert("L").getpixel((0, 0)) == 150 (truncating 0.587 · 255 gives 149).
        Assert.All(RecipeDsl.Datasets.Images.ImageFolder.Decode(path, 1, 4, 4), value => Assert.Equal(150, value));
    }

    [Fact]
    public void A_safetensors_file_gives_the_pytorch_users_tensors_as_they_are()
    {
        var path = _files.Safetensors("data.safetensors", new Dictionary<string, Tensor>
        {
            ["train_inputs"] = rand(50, 6),
            ["train_labels"] = arange(50, dtype: int64).remainder(2L),
            ["test_inputs"] = rand(10, 6),
            ["test_labels"] = zeros(10, dtype: int32),
        });

        using var data = ClassificationData.Load(Describe(DataSource.Safetensors, path, new[] { 6 }, 2) with { Normalization = InputNormalization.None }, CPU);

        Assert.Equal(45, data.TrainCount);
        Assert.Equal(new long[] { 10, 6 }, data.TestInputs.shape);
        Assert.Equal(ScalarType.Int64, data.TestLabels.dtype);
    }

    [Fact]
    public void Safetensors_without_the_expected_tensors_or_with_float_labels_are_refused()
    {
        var missing = _files.Safetensors("missing.safetensors", new Dictionary<string, Tensor> { ["inputs"] = rand(4, 2) });
        Assert.Contains("has no tensor 'train_inputs' (it has: inputs)", Refused(Describe(DataSource.Safetensors, missing, new[] { 2 }, 2)).Message);

        var floatLabels = _files.Safetensors("float.safetensors", new Dictionary<string, Tensor> { ["train_inputs"] = rand(4, 2), ["train_labels"] = rand(4) });
        Assert.Contains("labels are class indices", Refused(Describe(DataSource.Safetensors, floatLabels, new[] { 2 }, 2)).Message);

        var garbage = _files.Text("garbage.safetensors", "{ not safetensors");
        Assert.Contains("cannot be read as safetensors", Refused(Describe(DataSource.Safetensors, garbage, new[] { 2 }, 2)).Message);
    }

    [Theory]
    [InlineData(DataSource.Idx, true, "is a file; an IDX dataset is a folder")]
    [InlineData(DataSource.ImageFolder, true, "is a file; format 'image_folder' reads a folder")]
    [InlineData(DataSource.Csv, false, "is a folder; format 'csv' reads one file")]
    [InlineData(DataSource.Safetensors, false, "is a folder; format 'safetensors' reads one file")]
    public void A_file_where_a_folder_belongs_or_a_folder_where_a_file_belongs_is_named(DataSource source, bool file, string expected)
    {
        var path = file ? _files.Text("a-file.bin", "x") : _files.PathOf("");

        Assert.Contains(expected, Refused(Describe(source, path, new[] { 1, 8, 8 }, 2)).Message);
    }

    [Fact]
    public void Test_split_beside_a_test_split_of_the_datas_own_is_refused()
    {
        var folder = _files.Images("pets", new[] { "a", "b" }, perClass: 3, side: 8, split: true);

        var error = Refused(Describe(DataSource.ImageFolder, folder, new[] { 1, 8, 8 }, 2) with { TestSplit = 0.3 });

        Assert.Contains("remove data.test_split", error.Message);
    }

    [Fact]
    public void A_data_path_option_replaces_the_recipes_path_and_the_run_says_where_the_data_lives()
    {
        var folder = _files.Idx("moved", train: 30, test: 10);
        var log = new StringWriter();

        using var data = ClassificationData.Load(Describe(DataSource.Idx, "/nowhere", new[] { 1, 12, 12 }, 4), CPU, new TrainingOptions { DataPath = folder, Log = log });

        Assert.Contains("Fixture: data: 27 train / 3 validation / 10 test examples of [1, 12, 12], uint8", log.ToString());
    }
}
