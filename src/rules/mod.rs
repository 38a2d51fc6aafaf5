//! The counter's rules: phone numbers and operators, Idoom internet lines and products, amounts, the shop's prices and its days.
pub mod amount;
pub mod health;
pub mod internet;
pub mod operator;
pub mod phone;
pub mod phone_search;
pub mod pricing;
pub mod product;
pub mod shop_day;
pub mod till_id;

pub use amount::{AmountError, amount_for, parse_amount};
pub use health::OperatorHealth;
pub use internet::{InternetNumber, InternetType, LineCheck, LineError, check_line};
pub use operator::{Operator, plan_fits_number};
pub use phone::{Phone, PhoneCheck, PhoneError, is_sandbox_test_number};
pub use phone_search::{digits_match, is_number_start, search_digits};
pub use pricing::{PriceRule, Quote};
pub use product::{Line, Product};
pub use shop_day::{DayError, ShopClock, Span, parse_day};
