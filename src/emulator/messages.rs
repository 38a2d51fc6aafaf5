//! Texts the emulator answers with: the documented ones verbatim, the rest written to match.

/// The `refund_message` of an UNKNOWN_ERROR order, verbatim from the check-by-id page (§8).
pub const UNKNOWN_ERROR_MESSAGE: &str = "هذه العملية حالتها غير معروفة، يرجى التأكد مع عميلك، ولن نتحمل أي مسؤولية عن أي خسائر. إذا فشلت العملية بالفعل، فلا تقلق، سيتم استرداد أموالك خلال 24 ساعة";

/// `0600000001`: the line refused the top-up.
pub fn refund_wrong_number(number: &str) -> String {
    format!(
        "فشلت عملية التعبئة: الرقم {number} غير صحيح أو غير مؤهل لهذه الخدمة. تم استرجاع المبلغ إلى رصيدك، يرجى التأكد من الرقم مع الزبون."
    )
}

/// `0600000002`: the plan does not fit the line; offers that do follow.
pub fn refund_with_offers(number: &str) -> String {
    format!(
        "هذا العرض غير متوفر للرقم {number} حسب اشتراكه. تم استرجاع المبلغ إلى رصيدك، يمكنك اختيار أحد العروض المقترحة المتاحة لهذا الرقم."
    )
}

/// GETMENU orders: the offers available for the number; nothing was kept from the balance.
pub fn getmenu_offers(number: &str) -> String {
    format!(
        "هذه هي العروض المتاحة للرقم {number}. تم استرجاع المبلغ المخصوم كاملاً، اختر أحد العروض لإرسالها."
    )
}

/// An UNKNOWN_ERROR order that staff found failed.
pub fn unknown_resolved_refunded(number: &str) -> String {
    format!("بعد التحقق تبيّن أن عملية تعبئة الرقم {number} لم تتم. تم استرجاع المبلغ إلى رصيدك.")
}

pub const MISSING_TOKEN: &str = "Access token is required";
pub const INVALID_TOKEN: &str = "Invalid access token";
pub const INSUFFICIENT_BALANCE: &str = "Your balance is insufficient for this operation";
pub const DUPLICATED_REF: &str = "This reference ID is already in use.";
pub const INTERNAL_ERROR: &str = "Developer was notified and will check shortly";
pub const SERVICE_UNAVAILABLE: &str = "Service temporarily unavailable, please retry later";
pub const IP_NOT_ALLOWED: &str = "Your IP address is not allowed to use this API key";
pub const API_DISABLED: &str = "API access is disabled for this account";
pub const BODY_TOO_LARGE: &str = "Request body is too large";
pub const BODY_NOT_JSON: &str = "Body is not valid JSON";

pub fn rate_limited(retry_after_secs: u64) -> String {
    format!("Rate limit exceeded, retry in {retry_after_secs} seconds")
}

pub fn ip_blocked(minutes_left: u64) -> String {
    format!(
        "Too many failed attempts with an invalid access token: this IP is blocked for {minutes_left} more minute(s)"
    )
}

pub fn ref_not_found(reference: &str) -> String {
    format!("Top-up with reference '{}' not found", shorten(reference))
}

pub fn id_not_found(id: &str) -> String {
    format!("Top-up with id '{}' not found", shorten(id))
}

pub fn route_not_found(method: &str, path: &str) -> String {
    format!("Route {method}:{} not found", shorten(path))
}

pub fn method_not_allowed(method: &str, path: &str) -> String {
    format!("Method {method} is not allowed on {}", shorten(path))
}

/// Caller text echoed in a message is cut so a 60 kB ref cannot make a 60 kB error.
pub fn shorten(text: &str) -> String {
    const MAX: usize = 80;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_number_and_stay_short() {
        assert!(refund_wrong_number("0600000001").contains("0600000001"));
        assert!(refund_with_offers("0600000002").contains("0600000002"));
        assert!(getmenu_offers("0661234567").contains("0661234567"));
        assert!(UNKNOWN_ERROR_MESSAGE.starts_with("هذه العملية حالتها غ"));
        let long = "x".repeat(10_000);
        assert!(ref_not_found(&long).chars().count() < 200);
        assert_eq!(
            ref_not_found("abc"),
            "Top-up with reference 'abc' not found"
        );
    }
}
