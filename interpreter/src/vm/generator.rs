pub struct GeneratorState;
