using StaticGraph.Ops;

namespace StaticGraph;

/// <summary>
/// The TF1 optimizer protocol: <see cref="ComputeGradients"/> differentiates the loss with respect to the
/// variables, <see cref="ApplyGradients"/> adds TF's update ops (under a name scope named like the optimizer,
/// one <c>update_VAR</c> scope per variable), <see cref="Minimize"/> does both. Slot variables are named as TF1
/// names them (<c>W/Adam</c>, <c>W/Adam_1</c>), so checkpoints interoperate.
/// </summary>
public abstract class Optimizer
{
    private readonly Dictionary<(Variable Var, string Slot), Variable> _slots = [];
    private readonly Dictionary<(Graph Graph, string Name), Variable> _nonSlots = [];

    private protected Optimizer(string name) => Name = name;

    /// <summary>The optimizer's name: its update ops' name scope and its slot suffix.</summary>
    public string Name { get; }

    /// <summary>(gradient, variable) pairs for <paramref name="loss"/> with respect to <paramref name="var_list"/>
    /// (the trainable variables by default); a gradient is null where the loss does not depend on the variable.</summary>
    public (Tensor? gradient, Variable variable)[] ComputeGradients(Tensor loss, IEnumerable<Variable>? var_list = null)
    {
        ArgumentNullException.ThrowIfNull(loss);
        var vars = (var_list ?? loss.Graph.GetCollection<Variable>(tf.GraphKeys.TRAINABLE_VARIABLES)).ToArray();
        if (vars.Length == 0)
        {
            throw new GraphException($"{Name}: No variables to optimize.");
        }

        if (!loss.DType.IsFloating)
        {
            throw new GraphException($"The loss '{loss.Name}' has dtype {loss.DType}; optimizers need a floating-point loss.");
        }

        var grads = Autodiff.Gradients.Compute([loss], vars.Select(v => v.Ref).ToArray(), null, null, UnconnectedGradients.None, "gradients");
        return vars.Select((v, i) => (grads[i], v)).ToArray();
    }

    /// <summary>Adds the update ops for <paramref name="grads_and_vars"/>; with <paramref name="global_step"/>, the
    /// returned op also increments it once per run (after the updates).</summary>
    public Operation ApplyGradients(IEnumerable<(Tensor? gradient, Variable variable)> grads_and_vars, Variable? global_step = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(grads_and_vars);
        var pairs = grads_and_vars.ToArray();
        var usable = pairs.Where(p => p.gradient is not null).Select(p => (Grad: p.gradient!, Var: p.variable)).ToArray();
        if (usable.Length == 0)
        {
            throw new GraphException(
                $"No gradients provided for any variable, check your graph for ops that do not support gradients, between variables [{string.Join(", ", pairs.Select(p => p.variable.Name))}] and loss.");
        }

        var graph = usable[0].Var.Graph;
        CreateSlots(usable.Select(p => p.Var).ToArray());
        using var scope = graph.NameScope(name ?? Name);
        Prepare();
        var updates = new List<Operation>();
        foreach (var (grad, v) in usable)
        {
            if (grad.DType != v.DType)
            {
                throw new GraphException($"The gradient of '{v.Name}' has dtype {grad.DType} but the variable is {v.DType}.");
            }

            using (graph.NameScope("update_" + v.Op.Name))
            {
                updates.Add(ApplyDense(grad, v));
            }
        }

        Operation result;
        if (global_step is null)
        {
            result = Finish(updates, scope.Name);
        }
        else
        {
            var finished = Finish(updates, "update");
            using (graph.ControlDependencies([finished]))
            {
                result = StateOps.AssignAdd(global_step.Ref, OpBuilder.Scalar(1, global_step.DType, graph), scope.Name);
            }
        }

        if (!graph.GetCollection<Operation>(tf.GraphKeys.TRAIN_OP).Contains(result))
        {
            graph.AddToCollection(tf.GraphKeys.TRAIN_OP, result);
        }

        return result;
    }

    /// <summary><see cref="ComputeGradients"/> then <see cref="ApplyGradients"/>.</summary>
    public Operation Minimize(Tensor loss, Variable? global_step = null, IEnumerable<Variable>? var_list = null, string? name = null) =>
        ApplyGradients(ComputeGradients(loss, var_list), global_step, name);

    /// <summary>The slot variable named <paramref name="name"/> (TF1's logical names: <c>m</c>, <c>v</c>,
    /// <c>momentum</c>, <c>rms</c>, <c>mg</c>, <c>accumulator</c>, <c>accum</c>, <c>accum_update</c>, <c>linear</c>)
    /// of <paramref name="var"/>, or null.</summary>
    public Variable? GetSlot(Variable var, string name) => _slots.GetValueOrDefault((var, name));

    /// <summary>The logical names of this optimizer's slots.</summary>
    public IReadOnlyList<string> GetSlotNames() => _slots.Keys.Select(k => k.Slot).Distinct().ToArray();

    /// <summary>The non-slot variables (Adam's <c>beta1_power</c>, <c>beta2_power</c>).</summary>
    public IReadOnlyList<Variable> Variables() => _nonSlots.Values.Concat(_slots.Values).ToArray();

    /// <summary>Creates the slots of <paramref name="vars"/> (called before the update ops are built).</summary>
    private protected virtual void CreateSlots(IReadOnlyList<Variable> vars)
    {
    }

    /// <summary>Converts hyper-parameters to tensors inside the update name scope.</summary>
    private protected virtual void Prepare()
    {
    }

    /// <summary>The update op of one variable.</summary>
    private protected abstract Operation ApplyDense(Tensor grad, Variable var);

    /// <summary>Groups the updates (Adam also advances its beta powers here).</summary>
    private protected virtual Operation Finish(IReadOnlyList<Operation> updates, string name) =>
        ArrayOps.NoOp(name, updates);

    /// <summary>A zero-initialized slot <c>VAR/OPNAME[_k]</c> of <paramref name="var"/>'s shape and dtype.</summary>
    private protected Variable ZerosSlot(Variable var, string slot) => Slot(var, slot, tf.zeros_initializer());

    /// <summary>A slot with its own initializer (RMSProp's rms starts at ones, Adagrad's accumulator at 0.1).</summary>
    private protected Variable Slot(Variable var, string slot, Initializer initializer)
    {
        if (_slots.TryGetValue((var, slot), out var existing))
        {
            return existing;
        }

        var graph = var.Graph;
        Variable created;
        using (graph.ControlDependencies(null))
        using (graph.OpenVariableScope(null, var.Op.Name + "/" + Name, null, null, null, null))
        {
            created = graph.GetVariable("", var.Shape, var.DType, initializer, null, false, null);
        }

        _slots[(var, slot)] = created;
        return created;
    }

    /// <summary>A variable shared by all the optimizer's updates in one graph (<c>beta1_power</c>).</summary>
    private protected Variable NonSlot(Graph graph, string name, double initialValue)
    {
        if (!_nonSlots.TryGetValue((graph, name), out var v))
        {
            using (graph.AsDefault())
            using (graph.ControlDependencies(null))
            {
                v = tf.Variable((float)initialValue, trainable: false, name: name);
            }

            _nonSlots[(graph, name)] = v;
        }

        return v;
    }

    /// <summary>A hyper-parameter as a tensor of <paramref name="dtype"/> (cast when the variable is not float32).</summary>
    private protected static Tensor As(Tensor hyper, DType dtype) => ArrayOps.Cast(hyper, dtype, null);
}
