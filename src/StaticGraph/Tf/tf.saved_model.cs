using StaticGraph.IO;
using Tensorflow;

namespace StaticGraph;

public static partial class tf
{
    /// <summary>TF1's <c>tf.saved_model</c>: loading and writing TF1 SavedModels.</summary>
    public static class saved_model
    {
        /// <summary>TF1's <c>tf.saved_model.loader</c>.</summary>
        public static class loader
        {
            /// <summary>Loads the MetaGraph tagged exactly <paramref name="tags"/> from the SavedModel in
            /// <paramref name="export_dir"/> into <paramref name="sess"/>'s graph, restores its variables, runs its main
            /// op (or legacy init op) with the asset paths fed, and returns the MetaGraphDef (for its
            /// <c>SignatureDef</c>s). TF2 object-graph SavedModels are rejected with an error saying so.</summary>
            public static MetaGraphDef load(Session sess, string[] tags, string export_dir) => SavedModelLoader.Load(sess, tags, export_dir);

            /// <summary>True when <paramref name="export_dir"/> holds a <c>saved_model.pb</c> or <c>.pbtxt</c>.</summary>
            public static bool maybe_saved_model_directory(string export_dir) =>
                File.Exists(Path.Combine(export_dir, SavedModelLoader.SavedModelFilenamePb))
                || File.Exists(Path.Combine(export_dir, SavedModelLoader.SavedModelFilenamePbtxt));
        }

        /// <summary>TF1's <c>tf.saved_model.builder</c>.</summary>
        public static class builder
        {
            /// <summary>A builder writing a SavedModel into <paramref name="export_dir"/> (which must not exist or be
            /// empty).</summary>
            public static StaticGraph.SavedModelBuilder SavedModelBuilder(string export_dir) => new(export_dir);
        }

        /// <summary>TF1's <c>tf.saved_model.simple_save</c>: a SavedModel tagged <c>serve</c> whose
        /// <c>serving_default</c> predict signature maps <paramref name="inputs"/> to <paramref name="outputs"/>.</summary>
        public static void simple_save(Session sess, string export_dir, Dictionary<string, Tensor> inputs, Dictionary<string, Tensor> outputs,
            Operation? legacy_init_op = null)
        {
            var b = builder.SavedModelBuilder(export_dir);
            b.AddMetaGraphAndVariables(sess, [tag_constants.SERVING],
                new Dictionary<string, SignatureDef>
                {
                    [signature_constants.DEFAULT_SERVING_SIGNATURE_DEF_KEY] = signature_def_utils.predict_signature_def(inputs, outputs),
                },
                legacy_init_op: legacy_init_op);
            b.Save();
        }

        /// <summary>TF1's <c>tf.saved_model.tag_constants</c>.</summary>
        public static class tag_constants
        {
            /// <summary>Serving graphs.</summary>
            public const string SERVING = "serve";
            /// <summary>Training graphs.</summary>
            public const string TRAINING = "train";
            /// <summary>Evaluation graphs.</summary>
            public const string EVAL = "eval";
            /// <summary>Graphs for GPUs.</summary>
            public const string GPU = "gpu";
            /// <summary>Graphs for TPUs.</summary>
            public const string TPU = "tpu";
        }

        /// <summary>TF1's <c>tf.saved_model.signature_constants</c>.</summary>
        public static class signature_constants
        {
            /// <summary>The signature TF Serving uses by default.</summary>
            public const string DEFAULT_SERVING_SIGNATURE_DEF_KEY = "serving_default";
            /// <summary>The predict method.</summary>
            public const string PREDICT_METHOD_NAME = "tensorflow/serving/predict";
            /// <summary>The classify method.</summary>
            public const string CLASSIFY_METHOD_NAME = "tensorflow/serving/classify";
            /// <summary>The regress method.</summary>
            public const string REGRESS_METHOD_NAME = "tensorflow/serving/regress";
            /// <summary>The predict signature's input key.</summary>
            public const string PREDICT_INPUTS = "inputs";
            /// <summary>The predict signature's output key.</summary>
            public const string PREDICT_OUTPUTS = "outputs";
        }

        /// <summary>TF1's <c>tf.saved_model.signature_def_utils</c>.</summary>
        public static class signature_def_utils
        {
            /// <summary>A SignatureDef with the given inputs, outputs and method name.</summary>
            public static SignatureDef build_signature_def(Dictionary<string, TensorInfo>? inputs = null, Dictionary<string, TensorInfo>? outputs = null,
                string? method_name = null)
            {
                var def = new SignatureDef { MethodName = method_name ?? "" };
                foreach (var (k, v) in inputs ?? [])
                {
                    def.Inputs[k] = v;
                }

                foreach (var (k, v) in outputs ?? [])
                {
                    def.Outputs[k] = v;
                }

                return def;
            }

            /// <summary>A predict SignatureDef (<c>tensorflow/serving/predict</c>) over the named tensors.</summary>
            public static SignatureDef predict_signature_def(Dictionary<string, Tensor> inputs, Dictionary<string, Tensor> outputs)
            {
                ArgumentNullException.ThrowIfNull(inputs);
                ArgumentNullException.ThrowIfNull(outputs);
                if (inputs.Count == 0 || outputs.Count == 0)
                {
                    throw new InvalidArgumentException($"Prediction {(inputs.Count == 0 ? "inputs" : "outputs")} cannot be None or empty.");
                }

                return build_signature_def(
                    inputs.ToDictionary(kv => kv.Key, kv => utils.build_tensor_info(kv.Value)),
                    outputs.ToDictionary(kv => kv.Key, kv => utils.build_tensor_info(kv.Value)),
                    signature_constants.PREDICT_METHOD_NAME);
            }
        }

        /// <summary>TF1's <c>tf.saved_model.utils</c>.</summary>
        public static class utils
        {
            /// <summary>The TensorInfo of <paramref name="tensor"/>: its name, dtype and static shape.</summary>
            public static TensorInfo build_tensor_info(Tensor tensor)
            {
                ArgumentNullException.ThrowIfNull(tensor);
                return new TensorInfo
                {
                    Name = tensor.Name,
                    Dtype = TensorProtoConverter.ToDataType(tensor.DType),
                    TensorShape = TensorProtoConverter.ToProto(tensor.Shape),
                };
            }
        }
    }
}
