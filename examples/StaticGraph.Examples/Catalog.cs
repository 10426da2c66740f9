namespace StaticGraph.Examples;

/// <summary>One runnable tutorial.</summary>
/// <param name="Smoke">Options for CI's short smoke run (few steps) so no example rots.</param>
public sealed record Example(string Name, string Description, Func<string[], int> Run, string Smoke = "");

/// <summary>Every example, by name.</summary>
public static class Catalog
{
    /// <summary>What runs when no name is given.</summary>
    public const string Main = "digits-cnn";

    // Few steps on a small synthetic CIFAR-10 (200 images per batch file), testing once at the end.
    private const string CifarSmoke = "--steps 20 --print-every 10 --test-every 20 --test-steps 2 --synthetic-per-batch 200";

    public static IReadOnlyList<Example> All { get; } =
    [
        new("digits-cnn", "Main example: a tf.layers CNN (conv/pool x2, dense, Adam 1e-3) on the shipped 8x8 digits; --steps N --batch N --threads N --data PATH.", DigitsCnn.Run, "--steps 30"),
        new("simple", "Seed 004 'simple computations': constants, matmul, variables, feeds (TF1 basics).", SimpleComputations.Run),
        new("linear-regression", "Fit y = 0.5x + 2 with a variable, MSE and gradient descent.", LinearRegression.Run, "--steps 21"),
        new("basic-nn", "Seed 004 'basic neural networks': squaring, log and sigmoid transforms of random vectors, and one sigmoid neuron.", BasicNn.Run),
        new("logistic", "Seed 004 font logistic regression (6,485 parameters, softmax, GradientDescent 0.02, 1000 full-batch epochs); --data PATH --epochs N --plots DIR.", FontLogistic.Run, "--epochs 3"),
        new("font-hidden1", "Seed 004 font net with one sigmoid hidden layer of 128 (166,661 parameters, GD 0.01, 5000 epochs); --data PATH --epochs N --plots DIR.", FontHiddenLayers.OneHidden, "--epochs 3"),
        new("font-hidden2", "Seed 004 font net with sigmoid hidden layers of 128 and 32 (170,309 parameters, GD 0.01, 25000 epochs); --data PATH --epochs N --plots DIR.", FontHiddenLayers.TwoHidden, "--epochs 3"),
        new("conv-toy", "Seed 004 convolution (3x3, 2 filters) and 2x2 max pooling on one made-up 10x10 image; --seed N --plots DIR.", ToyConvPool.Run),
        new("font-cnn", "Seed 004 font CNN: conv 5x5x4 + max-pool + dense 32 with dropout (41,773 parameters, GD 0.01, 5000 epochs), Saver and npz export; --data PATH --epochs N --plots DIR.", FontCnn.Run, "--epochs 3"),
        new("font-cnn2", "Seed 004 deeper font CNN: conv 3x3x16 + pool + conv 3x3x4 + pool + dense 32 with dropout (11,305 parameters, GD 0.01, 6000 epochs), Saver and npz export; --data PATH --epochs N --plots DIR.", FontDeepCnn.Run, "--epochs 2"),
        new("learn-linear", "Seed 004 contrib.learn LinearClassifier as plain graph code (FTRL 0.2, 1024 steps of batch 32); --data PATH --steps N --batch N --plots DIR.", LearnEstimators.Linear, "--steps 5"),
        new("learn-dnn", "Seed 004 contrib.learn DNNClassifier [10, 5] as plain graph code (Adam 0.05, 1024 steps of batch 32); --data PATH --steps N --batch N --plots DIR.", LearnEstimators.Dnn, "--steps 5"),
        new("learn-cnn", "Seed 004 contrib.learn custom CNN Estimator as plain graph code (conv 5x5x4, dense 5, dropout, Adam 0.01, 1024 steps of batch 32); --data PATH --steps N --plots DIR.", LearnEstimators.Cnn, "--steps 5"),
        new("cifar-neuron", "Seed 000: one sigmoid neuron (MSE, Adam 1e-3, batch 20) on CIFAR-10 classes 0/1; --data DIR (synthetic without it) --steps N.", CifarNeuron.Run, CifarSmoke),
        new("cifar-softmax", "Seed 000: softmax regression (sparse softmax CE, Adam 1e-3, batch 20) on CIFAR-10; --data DIR --steps N.", CifarSoftmax.Run, CifarSmoke),
        new("cifar-cnn", "Seed 000: tf.layers CNN (3x conv 32 3x3 + max-pool, dense 10; Adam 1e-3, batch 20) on CIFAR-10; --data DIR --steps N.", CifarCnn.Run, CifarSmoke),
        new("torch-toy-cnn", "Seed 001: the PyTorch tutorial's LeNet on one random 32x32 image, L1 loss, conv1 bias gradient and one SGD step (lr 0.01).", TorchToyCnn.Run),
        new("mnist-bn-cnn", "Seed 001: PyTorch MNIST CNN with batch normalization (Adam 0.01, batch 64; the seed reports 98.24%); --data DIR (synthetic without it) --epochs N.", MnistBatchNormCnn.Run, "--steps 10 --print-every 5 --synthetic-train 1000 --synthetic-test 200"),
        new("cifar-torch-cnn", "Seed 001: PyTorch tutorial CIFAR-10 net (conv 6/16 5x5, dense 120/84/10; Momentum 0.9, lr 1e-4, batch 16); --data DIR --epochs N.", CifarTorchCnn.Run, "--epochs 1 --steps 20 --print-every 10 --synthetic-per-batch 200"),
        new("lstm-regression", "Seed 002: BasicLSTMCell(10) in dynamic_rnn predicts cos from sin (20 steps, batch 50, Adam 0.006), carrying the state between batches; cost every 20 iterations, TensorBoard logs; --steps N --logs DIR.", LstmRegression.Run, "--steps 21"),
        new("weather-rnn", "Seed 004 RNN: BasicRNNCell(11) in dynamic_rnn over all 4,542 weekly weather rows, season labels (GD 0.01, 100 full-batch epochs); --data PATH --epochs N --plots DIR.", WeatherRnn.Run, "--epochs 2"),
        new("fused-elementwise", "Speed: relu(a*b+c) over 16M fed floats as one fused loop, with results disposed (buffer reused) and kept; prints GB/s; --size N --runs N --threads N.", FusedElementwise.Run, "--size 100003 --runs 3"),
        new("tf-basics", "Seed 003 fragments: clip_by_value cross-entropy, where/greater custom loss, exponential_decay with global_step, l1/l2 regularizers, conv2d + bias_add + max_pool shapes.", TfBasics.Run, "--steps 100"),
    ];
}
