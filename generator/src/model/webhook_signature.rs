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

#[cfg(test)]
mod tests {
    use super::WebhookSignature;

    /// The names and variants are the runtime's `SignatureScheme`'s (read
    /// from its source, which the generator copies into generated crates).
    #[test]
    fn the_schemes_are_the_runtimes() {
        let runtime = include_str!("../../runtime/signatures.rs");
        for scheme in WebhookSignature::ALL {
            let naming = format!(
                "Self::{} => \"{}\"",
                scheme.runtime_variant(),
                scheme.name()
            );
            assert!(runtime.contains(&naming), "the runtime has no `{naming}`");
            assert_eq!(
                WebhookSignature::from_name(&scheme.name().to_uppercase()),
                Some(scheme)
            );
        }
        let count = format!("[SignatureScheme; {}]", WebhookSignature::ALL.len());
        assert!(
            runtime.contains(&count),
            "the runtime has other schemes than {count}"
        );
    }
}
