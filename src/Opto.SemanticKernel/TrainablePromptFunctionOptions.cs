using Microsoft.SemanticKernel;
using Opto.Trace;

namespace Opto.SemanticKernel;

/// <summary>Settings of a <see cref="TrainablePromptFunction"/>: which execution settings are trainable, and their starting values.</summary>
public sealed record TrainablePromptFunctionOptions
{
    /// <summary>The default upper bound of the trainable maximum token count.</summary>
    public const int DefaultMaxTokensLimit = 4096;

    /// <summary>What the function does, shown to the optimizer as the operation's documentation.</summary>
    public string? Description { get; init; }

    /// <summary>What the template is for, shown to the optimizer as the template parameter's description; a generic one when null.</summary>
    public string? TemplateDescription { get; init; }

    /// <summary>Rules every template must satisfy (for example a maximum length, or a pattern that keeps a variable).</summary>
    public ParameterConstraints? TemplateConstraints { get; init; }

    /// <summary>The starting sampling temperature. When set, the temperature is a parameter with range 0 to 2; when null it is left to the service.</summary>
    public double? Temperature { get; init; }

    /// <summary>The starting maximum answer length in tokens. When set, it is a parameter with range 1 to <see cref="MaxTokensLimit"/>; when null it is left to the service.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>The largest maximum token count the optimizer may choose.</summary>
    public int MaxTokensLimit { get; init; } = DefaultMaxTokensLimit;

    /// <summary>Whether the execution settings (temperature, maximum tokens) are trainable; the template always is. Default true.</summary>
    public bool TrainExecutionSettings { get; init; } = true;

    /// <summary>The kernel service to run on (the key it was registered under); null for the default.</summary>
    public string? ServiceId { get; init; }

    /// <summary>The model to ask for, when the service serves several; null for the service's default.</summary>
    public string? ModelId { get; init; }

    /// <summary>The template syntax; Semantic Kernel's own (<c>{{$variable}}</c>) by default.</summary>
    public string TemplateFormat { get; init; } = PromptTemplateConfig.SemanticKernelTemplateFormat;

    /// <summary>The factory for other template syntaxes (Handlebars, Liquid); null for Semantic Kernel's.</summary>
    public IPromptTemplateFactory? TemplateFactory { get; init; }
}
