export default { accessibility: {} };
