// The panel scores with the same group as the deal sidebar.
export { ScoreGroup } from '../../components/ScoreGroup';
