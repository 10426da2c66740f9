namespace StaticGraph.Ops;

/// <summary>One attr of an op as far as its argument signature needs it, TensorFlow's <c>OpDef.AttrDef</c> without
/// allowed values or default: the name, the TF attr type (<c>type</c>, <c>list(type)</c>, <c>int</c>, <c>bool</c>,
/// <c>string</c>, <c>float</c>, <c>shape</c>, <c>list(int)</c>, ...) and an <c>int</c> or list attr's minimum.</summary>
internal sealed record OpAttr(string Name, string Type, long? Minimum);
