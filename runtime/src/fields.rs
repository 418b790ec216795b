// How some fields are decoded: nullable optional fields, and what real
// servers send that the schema does not quite allow where the meaning is
// unambiguous. Part of the client runtime; the generator copies this file
// next to the generated code, into the `runtime` module.

/// Decodes a field that is optional *and* nullable into `Option<Option<T>>`:
/// absent stays `None` (the field's default), `null` is `Some(None)`, a value
/// is `Some(Some(value))`. Encoding needs no help: `Some(None)` is `null`.
#[doc(hidden)]
pub fn double_option<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// Decodes a map that may arrive as `[]`: PHP's `json_encode` writes an empty
/// map that way (Razorpay's `"notes": []`). A non-empty array is still an
/// error.
#[doc(hidden)]
pub fn map_or_empty_array<'de, D, V>(
    deserializer: D,
) -> Result<std::collections::BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: serde::Deserialize<'de>,
{
    deserializer.deserialize_any(MapOrEmptyArray(std::marker::PhantomData))
}

/// [`map_or_empty_array`] for an optional or nullable field.
#[doc(hidden)]
pub fn optional_map_or_empty_array<'de, D, V>(
    deserializer: D,
) -> Result<Option<std::collections::BTreeMap<String, V>>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: serde::Deserialize<'de>,
{
    struct OptionalVisitor<V>(std::marker::PhantomData<V>);

    impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for OptionalVisitor<V> {
        type Value = Option<std::collections::BTreeMap<String, V>>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map, an empty array or null")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: serde::Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            map_or_empty_array(deserializer).map(Some)
        }
    }

    deserializer.deserialize_option(OptionalVisitor(std::marker::PhantomData))
}

struct MapOrEmptyArray<V>(std::marker::PhantomData<V>);

impl<'de, V: serde::Deserialize<'de>> serde::de::Visitor<'de> for MapOrEmptyArray<V> {
    type Value = std::collections::BTreeMap<String, V>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map (or an empty array)")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut access: A,
    ) -> Result<Self::Value, A::Error> {
        let mut map = std::collections::BTreeMap::new();
        while let Some((key, value)) = access.next_entry()? {
            map.insert(key, value);
        }
        Ok(map)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut access: A,
    ) -> Result<Self::Value, A::Error> {
        match access.next_element::<serde::de::IgnoredAny>()? {
            None => Ok(std::collections::BTreeMap::new()),
            Some(_) => Err(serde::de::Error::invalid_type(
                serde::de::Unexpected::Seq,
                &"a map (only an empty array stands for an empty map)",
            )),
        }
    }
}
