//! How values are laid out on disk: one format byte, a CRC-32 of the rest, then MessagePack
//! with field names (`rmp_serde::to_vec_named`), so a later build can add fields and an older
//! one skips them. The checksum is verified every time a value is read: a record damaged on
//! disk is reported as damaged, never decoded into something else.

use super::crc::crc32;
use super::error::StoreError;
use crate::ledger::{ORDER_RECORD_VERSION, OrderKey, OrderRecord};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Format byte of values written before schema 3: MessagePack, named fields, no checksum.
pub(crate) const FORMAT_MSGPACK_NAMED: u8 = 1;
/// Format byte of every value written by this build: a little-endian CRC-32 of the MessagePack
/// bytes, then those bytes.
pub(crate) const FORMAT_CHECKED: u8 = 2;

/// Encodes a value behind the format byte and its checksum.
pub(crate) fn encode<T: Serialize>(what: &'static str, value: &T) -> Result<Vec<u8>, StoreError> {
    let mut out = vec![FORMAT_CHECKED, 0, 0, 0, 0];
    rmp_serde::encode::write_named(&mut out, value).map_err(|e| StoreError::Encode {
        what,
        detail: e.to_string(),
    })?;
    let sum = crc32(&out[5..]);
    out[1..5].copy_from_slice(&sum.to_le_bytes());
    Ok(out)
}

/// Decodes a value written by [`encode`]; the error text says what is wrong (the caller adds
/// which entry it was).
pub(crate) fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match bytes.split_first() {
        None => Err("the stored value is empty".to_string()),
        Some((&FORMAT_CHECKED, rest)) => {
            let (sum, body) = rest
                .split_first_chunk::<4>()
                .ok_or_else(|| format!("cut short ({} bytes)", bytes.len()))?;
            if crc32(body) != u32::from_le_bytes(*sum) {
                return Err("its checksum does not match: it was damaged on disk".to_string());
            }
            rmp_serde::from_slice(body).map_err(|e| format!("cannot decode: {e}"))
        }
        Some((&FORMAT_MSGPACK_NAMED, body)) => {
            rmp_serde::from_slice(body).map_err(|e| format!("cannot decode: {e}"))
        }
        Some((other, _)) => Err(format!(
            "unknown value format {other} (written by a newer flexy-pos, or damaged)"
        )),
    }
}

/// Whether a stored value is whole, without decoding it when its checksum can tell (the full
/// check of a store reads every order this way). Older values, without a checksum, are decoded.
pub(crate) fn check_order(key: OrderKey, bytes: &[u8]) -> Result<(), StoreError> {
    match bytes.split_first() {
        Some((&FORMAT_CHECKED, rest)) => match rest.split_first_chunk::<4>() {
            Some((sum, body)) if crc32(body) == u32::from_le_bytes(*sum) => Ok(()),
            _ => Err(StoreError::corrupt_order(
                key,
                "its checksum does not match: it was damaged on disk",
            )),
        },
        _ => decode_order(key, bytes).map(|_| ()),
    }
}

pub(crate) fn encode_order(rec: &OrderRecord) -> Result<Vec<u8>, StoreError> {
    encode("order record", rec)
}

/// Decodes the order stored under `key`, checking that it is the order the key says.
pub(crate) fn decode_order(key: OrderKey, bytes: &[u8]) -> Result<OrderRecord, StoreError> {
    let rec: OrderRecord = decode(bytes).map_err(|d| StoreError::corrupt_order(key, d))?;
    if rec.key != key {
        return Err(StoreError::corrupt_order(
            key,
            format!("the record says it is order {:032x}", rec.key.0),
        ));
    }
    if rec.v > ORDER_RECORD_VERSION {
        return Err(StoreError::corrupt_order(
            key,
            format!(
                "record version {} is newer than this build reads ({ORDER_RECORD_VERSION})",
                rec.v
            ),
        ));
    }
    Ok(rec)
}

pub(crate) fn u64_bytes(v: u64) -> [u8; 8] {
    v.to_be_bytes()
}

pub(crate) fn read_u64(bytes: &[u8]) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.try_into().ok()?))
}

pub(crate) fn u32_bytes(v: u32) -> [u8; 4] {
    v.to_be_bytes()
}

pub(crate) fn read_u32(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Serialize)]
    struct Newer {
        a: u32,
        extra: String,
    }

    #[derive(Deserialize, Debug, PartialEq)]
    struct Older {
        a: u32,
    }

    #[test]
    fn unknown_fields_are_skipped_on_read() {
        let bytes = encode(
            "test",
            &Newer {
                a: 7,
                extra: "from a later build".into(),
            },
        )
        .unwrap();
        assert_eq!(decode::<Older>(&bytes), Ok(Older { a: 7 }));
    }

    #[test]
    fn every_order_state_round_trips() {
        use crate::api::types::PlanKind;
        use crate::ledger::Origin;
        use crate::money::Dzd;
        use crate::testkit::OrderBuilder;
        use chrono::{TimeZone, Utc};
        let at = Utc.timestamp_millis_opt(1_740_787_200_123).unwrap();
        let states = crate::testkit::every_state(at);
        for (i, state) in states.into_iter().enumerate() {
            let key = OrderKey(u128::MAX - i as u128);
            let rec = OrderBuilder::new(at, 0)
                .key(key)
                .reference(format!("t-{i}"))
                .phone("0550000000")
                .plan("MIX500_OOREDOO", "📱🌐 MIX 500 | ميكس", PlanKind::Fixed)
                .amount(Dzd::from_centimes(50_025))
                .expected_cost(Dzd::from_centimes(49_025))
                .state(state)
                .topup_id("x")
                .send_attempts(2)
                .checks(3)
                .last_error(crate::ledger::Problem::NotKnownYet { waited_secs: 12 })
                // Till is not written at all (what older records look like): it must decode too.
                .origin([Origin::Till, Origin::Restored, Origin::External][i % 3])
                .build();
            let bytes = encode_order(&rec).unwrap();
            assert_eq!(decode_order(key, &bytes).unwrap(), rec);
            let err = decode_order(OrderKey(5), &bytes).unwrap_err();
            assert!(err.to_string().contains("says it is order"), "{err}");
        }
    }

    #[test]
    fn garbage_and_unknown_formats_are_errors() {
        assert!(decode::<Older>(&[]).unwrap_err().contains("empty"));
        assert!(
            decode::<Older>(&[9, 1, 2])
                .unwrap_err()
                .contains("format 9")
        );
        let err = decode::<Older>(&[FORMAT_MSGPACK_NAMED, 0xc1, 0xff]).unwrap_err();
        assert!(err.contains("cannot decode"), "{err}");
        assert!(
            decode::<Older>(&[FORMAT_CHECKED, 1, 2])
                .unwrap_err()
                .contains("short")
        );
    }

    #[test]
    fn every_flipped_bit_of_a_record_is_caught_by_its_checksum() {
        #[derive(Serialize, Deserialize, Debug, PartialEq)]
        struct Rec {
            amount: u64,
            phone: String,
        }
        let rec = Rec {
            amount: 50_000,
            phone: "0661234567".into(),
        };
        let bytes = encode("test", &rec).unwrap();
        assert_eq!(bytes[0], FORMAT_CHECKED);
        assert_eq!(decode::<Rec>(&bytes), Ok(rec));
        for i in 1..bytes.len() {
            for bit in 0..8 {
                let mut bad = bytes.clone();
                bad[i] ^= 1 << bit;
                let err = decode::<Rec>(&bad).unwrap_err();
                assert!(err.contains("checksum"), "byte {i} bit {bit}: {err}");
            }
        }
    }

    #[test]
    fn records_of_older_builds_still_read() {
        let mut old = vec![FORMAT_MSGPACK_NAMED];
        rmp_serde::encode::write_named(
            &mut old,
            &Newer {
                a: 3,
                extra: "x".into(),
            },
        )
        .unwrap();
        assert_eq!(decode::<Older>(&old), Ok(Older { a: 3 }));
    }
}
