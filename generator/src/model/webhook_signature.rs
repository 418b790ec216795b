//! How a provider signs its webhooks (a leaf: the setting, the lowering
//! and the emitter all name the schemes this way).

/// How a provider signs its webhooks: the schemes `runtime::SignatureScheme`
/// verifies, named as a setting or the spec's `x-webhook-signature` names
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookSignature {
    /// Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`).
    StandardWebhooks,
    /// Stripe's `Stripe-Signature: t=..,v1=..`.
    Stripe,
    /// Cashfree's `x-webhook-signature` and `x-webhook-timestamp`.
    Cashfree,
    /// Razorpay's `X-Razorpay-Signature`.
    Razorpay,
    /// GitHub's `X-Hub-Signature-256`.
    GitHub,
}

impl WebhookSignature {
    /// Every scheme.
    pub const ALL: [WebhookSignature; 5] = [
        Self::StandardWebhooks,
        Self::Stripe,
        Self::Cashfree,
        Self::Razorpay,
        Self::GitHub,
    ];

    /// The scheme's name: `standard-webhooks`, `stripe`, `cashfree`,
    /// `razorpay`, `github`.
    pub fn name(self) -> &'static str {
        match self {
            Self::StandardWebhooks => "standard-webhooks",
            Self::Stripe => "stripe",
            Self::Cashfree => "cashfree",
            Self::Razorpay => "razorpay",
            Self::GitHub => "github",
        }
    }

    /// The scheme a name stands for (any capitalization).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|scheme| scheme.name().eq_ignore_ascii_case(name))
    }

    /// Its variant of `runtime::SignatureScheme`.
    pub fn runtime_variant(self) -> &'static str {
        match self {
            Self::StandardWebhooks => "StandardWebhooks",
            Self::Stripe => "Stripe",
            Self::Cashfree => "Cashfree",
            Self::Razorpay => "Razorpay",
            Self::GitHub => "GitHub",
        }
    }

    /// The names, for messages: `standard-webhooks, stripe, ...`.
    pub fn names() -> String {
        Self::ALL.map(Self::name).join(", ")
    }
}
